package metrics

import (
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

func TestSampleSurface(t *testing.T) {
	t.Parallel()
	t.Run("on the sphere, uniform", func(t *testing.T) {
		t.Parallel()
		m := uvSphere([3]float64{1, 2, 3}, 0.5, 32, 64)
		pts := SampleSurface(m, 20000, 1)
		if len(pts) != 20000 {
			t.Fatalf("%d points", len(pts))
		}
		upper := 0
		for _, p := range pts {
			r := math.Sqrt((p[0]-1)*(p[0]-1) + (p[1]-2)*(p[1]-2) + (p[2]-3)*(p[2]-3))
			if r > 0.5+1e-6 || r < 0.49 {
				t.Fatalf("point %v at radius %g", p, r)
			}
			if p[1] > 2.25 { // the cap above y = c + r/2 holds a quarter of the area
				upper++
			}
		}
		if f := float64(upper) / 20000; math.Abs(f-0.25) > 0.015 {
			t.Fatalf("cap holds %.3f of the samples, want 0.25", f)
		}
	})
	t.Run("area weighted", func(t *testing.T) {
		t.Parallel()
		// Two triangles, the second 3 times the area of the first.
		m := &mesh.Mesh{
			Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 10, 0, 0, 13, 0, 0, 10, 1, 0},
			Indices:   []uint32{0, 1, 2, 3, 4, 5},
		}
		pts := SampleSurface(m, 40000, 2)
		far := 0
		for _, p := range pts {
			if p[0] >= 10 {
				far++
			}
		}
		if f := float64(far) / 40000; math.Abs(f-0.75) > 0.01 {
			t.Fatalf("%.3f of the samples on the large triangle, want 0.75", f)
		}
	})
	t.Run("reproducible", func(t *testing.T) {
		t.Parallel()
		m := uvSphere([3]float64{}, 1, 8, 16)
		a, b := SampleSurface(m, 100, 7), SampleSurface(m, 100, 7)
		for i := range a {
			if a[i] != b[i] {
				t.Fatal("same seed, different points")
			}
		}
	})
	t.Run("degenerate input", func(t *testing.T) {
		t.Parallel()
		flat := &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 0, 0, 2, 0, 0}, Indices: []uint32{0, 1, 2}}
		for name, pts := range map[string][][3]float64{
			"nil mesh":  SampleSurface(nil, 10, 1),
			"no points": SampleSurface(uvSphere([3]float64{}, 1, 4, 4), 0, 1),
			"zero area": SampleSurface(flat, 10, 1),
			"invalid":   SampleSurface(&mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0, 1}}, 10, 1),
		} {
			if pts != nil {
				t.Errorf("%s: %d points, want nil", name, len(pts))
			}
		}
	})
}
