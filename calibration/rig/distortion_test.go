package rig

import (
	"math"
	"testing"
)

func TestDistortionIsZero(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    Distortion
		want bool
	}{
		{Distortion{}, true},
		{Distortion{K1: 1e-300}, false},
		{Distortion{P2: -0.1}, false},
		{Distortion{K3: 0.2}, false},
	}
	for _, tc := range tests {
		if got := tc.d.IsZero(); got != tc.want {
			t.Errorf("%+v.IsZero() = %v, want %v", tc.d, got, tc.want)
		}
	}
}

// TestDistortGolden checks Distort against values computed separately (in
// Python, from OpenCV's formula written out with r2, r4 and r6).
func TestDistortGolden(t *testing.T) {
	t.Parallel()
	d := Distortion{K1: -0.281325576, K2: 0.0291130406, P1: 0.0012123433, P2: -0.000140825372, K3: 0.154865844}
	tests := []struct{ x, y, xd, yd float64 }{
		{0.3, -0.2, 0.28908884066830237, -0.1925804940154416},
		{-0.5, 0.4, -0.450725050808112, 0.3610309106774736},
		{0, 0, 0, 0},
		{1, 0, 0.902230832484, 0.0012123433},
	}
	for _, tc := range tests {
		xd, yd := d.Distort(tc.x, tc.y)
		if math.Abs(xd-tc.xd) > 1e-15 || math.Abs(yd-tc.yd) > 1e-15 {
			t.Errorf("Distort(%g, %g) = (%.17g, %.17g), want (%.17g, %.17g)", tc.x, tc.y, xd, yd, tc.xd, tc.yd)
		}
	}
}

func TestDistortZeroIsIdentity(t *testing.T) {
	t.Parallel()
	for _, p := range [][2]float64{{0.3, -0.7}, {-2, 5}, {0, 0}} {
		xd, yd := Distortion{}.Distort(p[0], p[1])
		if xd != p[0] || yd != p[1] {
			t.Errorf("zero distortion moved %v to (%g, %g)", p, xd, yd)
		}
		x, y := Distortion{}.Undistort(p[0], p[1])
		if x != p[0] || y != p[1] {
			t.Errorf("zero undistortion moved %v to (%g, %g)", p, x, y)
		}
	}
}

// TestJacobian compares the analytic Jacobian with central differences.
func TestJacobian(t *testing.T) {
	t.Parallel()
	d := Distortion{K1: -0.28, K2: 0.03, P1: 0.0012, P2: -0.00014, K3: 0.15}
	const h = 1e-6
	for _, p := range [][2]float64{{0.3, -0.2}, {-0.6, 0.45}, {0.01, 0.9}, {0, 0}} {
		x, y := p[0], p[1]
		a, b, c, e := d.jacobian(x, y)
		xp, yp := d.Distort(x+h, y)
		xm, ym := d.Distort(x-h, y)
		xq, yq := d.Distort(x, y+h)
		xn, yn := d.Distort(x, y-h)
		num := []float64{(xp - xm) / (2 * h), (xq - xn) / (2 * h), (yp - ym) / (2 * h), (yq - yn) / (2 * h)}
		if diff := maxAbsDiff([]float64{a, b, c, e}, num); diff > 1e-8 {
			t.Errorf("at %v analytic Jacobian %v differs from numeric %v by %g", p, []float64{a, b, c, e}, num, diff)
		}
	}
}
