package raster

import (
	"testing"

	"cloudme.dev/calibration/rig"
)

// TestCubeSilhouette renders a cube and compares its mask, pixel by pixel,
// with the analytic silhouette: the convex hull of the projected corners
// for a pinhole, and for a distorted lens the hull's edges sampled densely
// in 3-D and projected with distortion. Pixels may differ only within 1 px
// of the analytic outline.
func TestCubeSilhouette(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    rig.Distortion
		eye  [3]float64
		n    int // cube face tessellation
	}{
		{"pinhole", rig.Distortion{}, [3]float64{1.2, 0.9, 1.5}, 1},
		{"pinhole-below", rig.Distortion{}, [3]float64{-1.4, -0.7, 1.1}, 1},
		{"barrel", rig.Distortion{K1: -0.25, K2: 0.05, P1: 0.002, P2: -0.001}, [3]float64{1.2, 0.9, 1.5}, 12},
		{"pincushion", rig.Distortion{K1: 0.15, K2: 0.02}, [3]float64{-1.0, 1.1, 1.3}, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const w, h = 320, 240
			lo, hi := [3]float64{-0.25, -0.25, -0.25}, [3]float64{0.25, 0.25, 0.25}
			cam := testCamera(t, w, h, 260, tc.eye, [3]float64{0.05, -0.02, 0}, tc.d)
			dst := NewTarget(w, h)
			if err := NewRenderer(2).Render(dst, cam, []Surface{{Mesh: box(lo, hi, tc.n)}}, Options{CullBack: true}); err != nil {
				t.Fatal(err)
			}
			var corners [8][3]float64
			var pinhole []pt
			for i := range corners {
				for k := 0; k < 3; k++ {
					corners[i][k] = lo[k]
					if i>>k&1 == 1 {
						corners[i][k] = hi[k]
					}
				}
				pc := cam.WorldToCamera(corners[i])
				pinhole = append(pinhole, pt{cam.K.Fx*pc[0]/pc[2] + cam.K.Cx, cam.K.Fy*pc[1]/pc[2] + cam.K.Cy})
			}
			hi2 := hull(pinhole)
			var poly []pt
			for j, a := range hi2 {
				b := hi2[(j+1)%len(hi2)]
				const samples = 100
				for s := 0; s < samples; s++ {
					f := float64(s) / samples
					var p [3]float64
					for k := range p {
						p[k] = corners[a][k] + f*(corners[b][k]-corners[a][k])
					}
					px, _ := cam.Project(p)
					poly = append(poly, pt{px[0], px[1]})
				}
			}
			area, bad, far := 0, 0, 0
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					p := pt{float64(x), float64(y)}
					want := inside(poly, p)
					got := dst.Mask[y*w+x] == 255
					if want {
						area++
					}
					if got != want {
						bad++
						if d := boundaryDist(poly, p); d > 1 {
							far++
							if far <= 5 {
								t.Errorf("pixel (%d,%d): mask %v, analytic %v, %.2f px from the outline", x, y, got, want, d)
							}
						}
					}
				}
			}
			if area < 2000 {
				t.Fatalf("analytic silhouette covers only %d pixels; the test scene is wrong", area)
			}
			if far > 0 {
				t.Errorf("%d of %d differing pixels lie more than 1 px from the outline", far, bad)
			}
			t.Logf("silhouette %d px, %d differ (all within 1 px of the outline)", area, bad)
		})
	}
}
