package metrics

import (
	"errors"
	"math"
	"testing"
)

// lensIoU is the IoU of two balls of radius r whose centres are d apart.
func lensIoU(r, d float64) float64 {
	if d >= 2*r {
		return 0
	}
	lens := math.Pi * (4*r + d) * (2*r - d) * (2*r - d) / 12
	ball := 4 * math.Pi * r * r * r / 3
	return lens / (2*ball - lens)
}

func TestVolumeIoU(t *testing.T) {
	t.Parallel()
	lo, hi := [3]float64{-1, -1, -1}, [3]float64{1.5, 1, 1}
	tests := []struct {
		name string
		a, b Solid
		cell float64
		want float64
		tol  float64
	}{
		{"same sphere", Sphere{R: 0.5}, Sphere{R: 0.5}, 0.02, 1, 0},
		{"shifted sphere", Sphere{R: 0.5}, Sphere{C: [3]float64{0.3, 0, 0}, R: 0.5}, 0.01, lensIoU(0.5, 0.3), 0.005},
		{"diagonal shift", Sphere{R: 0.6}, Sphere{C: [3]float64{0.2, 0.2, -0.2}, R: 0.6}, 0.01, lensIoU(0.6, math.Sqrt(0.12)), 0.005},
		{"disjoint spheres", Sphere{R: 0.4}, Sphere{C: [3]float64{0.9, 0, 0}, R: 0.4}, 0.02, 0, 0},
		// Box faces on cell boundaries: the sampling is exact.
		{"boxes", Box{Lo: [3]float64{0, 0, 0}, Hi: [3]float64{0.5, 0.5, 0.5}},
			Box{Lo: [3]float64{0.25, 0, 0}, Hi: [3]float64{0.75, 0.5, 0.5}}, 0.05, 1.0 / 3, 1e-12},
		{"nested boxes", Box{Lo: [3]float64{-0.5, -0.5, -0.5}, Hi: [3]float64{0.5, 0.5, 0.5}},
			Box{Lo: [3]float64{-0.25, -0.25, -0.25}, Hi: [3]float64{0.25, 0.25, 0.25}}, 0.05, 1.0 / 8, 1e-12},
		{"both empty", Box{Lo: [3]float64{5, 5, 5}, Hi: [3]float64{6, 6, 6}}, Sphere{C: [3]float64{9, 9, 9}, R: 1}, 0.1, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := VolumeIoU(tc.a, tc.b, lo, hi, tc.cell)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tc.want) > tc.tol {
				t.Fatalf("IoU %.6f, want %.6f ± %g", got, tc.want, tc.tol)
			}
		})
	}
}

func TestVolumeIoUErrors(t *testing.T) {
	t.Parallel()
	s := Sphere{R: 1}
	lo, hi := [3]float64{-1, -1, -1}, [3]float64{1, 1, 1}
	tests := []struct {
		name   string
		a, b   Solid
		lo, hi [3]float64
		cell   float64
		want   error
	}{
		{"nil solid", nil, s, lo, hi, 0.1, ErrEmpty},
		{"zero cell", s, s, lo, hi, 0, ErrGrid},
		{"NaN cell", s, s, lo, hi, math.NaN(), ErrGrid},
		{"inverted box", s, s, hi, lo, 0.1, ErrGrid},
		{"too many cells", s, s, lo, hi, 1e-4, ErrGrid},
		{"cell larger than box", s, s, lo, hi, 10, ErrGrid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := VolumeIoU(tc.a, tc.b, tc.lo, tc.hi, tc.cell); !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
}
