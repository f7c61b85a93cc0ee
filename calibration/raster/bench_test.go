package raster

import (
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/mesh"
)

// benchPerson is a stand-in for the synthetic person: an ellipsoid 1.7 m
// tall and 0.5 m wide with about 100k triangles.
func benchPerson() *mesh.Mesh {
	m := sphere([3]float64{0, 0, 0}, 1, 224, 224)
	for i := 0; i < len(m.Positions); i += 3 {
		m.Positions[i] *= 0.25
		m.Positions[i+1] = 0.9 + 0.85*m.Positions[i+1]
		m.Positions[i+2] *= 0.2
	}
	return m
}

// benchRing returns n 1920x1080 cameras on a ring of radius 2 m at 1.3 m
// height looking at the person, with mild distortion.
func benchRing(b *testing.B, n int) []*rig.Camera {
	cams := make([]*rig.Camera, n)
	for i := range cams {
		a := 2 * math.Pi * float64(i) / float64(n)
		eye := [3]float64{2 * math.Sin(a), 1.3, 2 * math.Cos(a)}
		cams[i] = testCamera(b, 1920, 1080, 1000, eye, [3]float64{0, 0.9, 0}, rig.Distortion{K1: -0.05, K2: 0.01})
	}
	return cams
}

func BenchmarkRender8x1080p(b *testing.B) {
	for _, workers := range []int{1, 0} {
		name := "workers=all"
		if workers == 1 {
			name = "workers=1"
		}
		b.Run(name, func(b *testing.B) {
			person := benchPerson()
			surf := []Surface{{Mesh: person, Normals: VertexNormals(person, nil)}}
			cams := benchRing(b, 8)
			targets := make([]*Target, len(cams))
			for i := range targets {
				targets[i] = NewTarget(1920, 1080)
			}
			r := NewRenderer(workers)
			bg := [3]uint8{0, 0, 0}
			opt := Options{CullBack: true, Light: &Light{Dir: [3]float64{0.3, 1, 0.5}, Ambient: 0.3}, Background: &bg}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for i, c := range cams {
					if err := r.Render(targets[i], c, surf, opt); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/8frames")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(len(cams)), "ms/frame")
		})
	}
}
