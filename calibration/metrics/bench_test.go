package metrics

import "testing"

func BenchmarkVolumeIoUMeshSphere(b *testing.B) {
	m := uvSphere([3]float64{0, 1, 0}, 0.6, 128, 256) // ~65k triangles
	s, err := MeshSolid(m)
	if err != nil {
		b.Fatal(err)
	}
	lo, hi := [3]float64{-0.7, 0.3, -0.7}, [3]float64{0.7, 1.7, 0.7}
	for b.Loop() {
		if _, err := VolumeIoU(s, Sphere{C: [3]float64{0, 1, 0}, R: 0.6}, lo, hi, 0.01); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}

func BenchmarkSurfaceDistances100k(b *testing.B) {
	pa := SampleSurface(uvSphere([3]float64{0, 1, 0}, 0.5, 64, 128), 100000, 1)
	pb := SampleSurface(uvSphere([3]float64{0, 1, 0}, 0.52, 64, 128), 100000, 2)
	for b.Loop() {
		SurfaceDistances(pa, pb)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}
