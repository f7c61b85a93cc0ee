package rig

import (
	"errors"
	"math"
	"testing"
)

// TestUndistortGrid undistorts a dense pixel grid covering the whole image
// (borders and corners included) and re-projects it.
func TestUndistortGrid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cam  Camera
	}{
		{"640x480 strong barrel", Camera{Width: 640, Height: 480,
			K: Intrinsics{Fx: 532, Fy: 532, Cx: 319.5, Cy: 239.5},
			D: Distortion{K1: -0.28, K2: 0.03, P1: 0.0012, P2: -0.00014, K3: 0.15}}},
		{"640x480 opencv sample", chessboardCamera()},
		{"1920x1080 wide", wideCamera()},
		{"1920x1080 pincushion", Camera{Width: 1920, Height: 1080,
			K: Intrinsics{Fx: 1400, Fy: 1400, Cx: 959.5, Cy: 539.5},
			D: Distortion{K1: 0.08, K2: -0.02, P1: -0.001, P2: 0.0008, K3: 0.01}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := tc.cam
			worst := 0.0
			const step = 8
			for v := -0.5; v <= float64(c.Height)-0.5; v += step / 2 {
				for u := -0.5; u <= float64(c.Width)-0.5; u += step {
					px := [2]float64{u, v}
					xd, yd := (u-c.K.Cx)/c.K.Fx, (v-c.K.Cy)/c.K.Fy
					x, y, err := c.D.UndistortChecked(xd, yd)
					if err != nil {
						t.Fatalf("pixel %v: %v", px, err)
					}
					back := c.ProjectCam([3]float64{x, y, 1})
					worst = math.Max(worst, dist2(back, px))
				}
			}
			if worst > 1e-6 {
				t.Fatalf("worst re-projection error %g px, want <= 1e-6", worst)
			}
		})
	}
}

// TestUndistortRoundTrip distorts known points and checks Undistort recovers
// them exactly, not just some point with the same image.
func TestUndistortRoundTrip(t *testing.T) {
	t.Parallel()
	d := chessboardCamera().D
	for x := -0.8; x <= 0.8; x += 0.05 {
		for y := -0.6; y <= 0.6; y += 0.05 {
			xd, yd := d.Distort(x, y)
			ux, uy := d.Undistort(xd, yd)
			if math.Abs(ux-x) > 1e-10 || math.Abs(uy-y) > 1e-10 {
				t.Fatalf("Undistort(Distort(%g, %g)) = (%g, %g)", x, y, ux, uy)
			}
		}
	}
}

// TestUndistortBeyondFold: strong barrel distortion has a maximum distorted
// radius; points beyond it have no preimage, so UndistortChecked must fail
// while Undistort still returns a finite best estimate.
func TestUndistortBeyondFold(t *testing.T) {
	t.Parallel()
	d := Distortion{K1: -0.5}
	// r*(1 - 0.5 r²) peaks at r = sqrt(2/3) with rd = 0.5443.
	tests := []struct {
		name string
		xd   float64
	}{{"far beyond the fold", 3}, {"just beyond the fold", 0.56}}
	for _, tc := range tests {
		x, y, err := d.UndistortChecked(tc.xd, 0)
		if !errors.Is(err, ErrUndistort) {
			t.Errorf("%s: err = %v, want ErrUndistort", tc.name, err)
		}
		bx, by := d.Undistort(tc.xd, 0)
		if bx != x || by != y || !finiteAll(x, y) {
			t.Errorf("%s: best estimate (%g, %g) vs Checked (%g, %g)", tc.name, bx, by, x, y)
		}
	}
	// Inside the fold it converges, on the branch nearest the centre.
	x, _, err := d.UndistortChecked(0.5, 0)
	if err != nil {
		t.Fatalf("inside the fold: %v", err)
	}
	if x > math.Sqrt(2.0/3) {
		t.Errorf("solution %g lies past the fold", x)
	}
}

func TestUndistortNonFinite(t *testing.T) {
	t.Parallel()
	d := Distortion{K1: -0.1}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, _, err := d.UndistortChecked(v, 0.1); !errors.Is(err, ErrUndistort) {
			t.Errorf("UndistortChecked(%g) err = %v, want ErrUndistort", v, err)
		}
	}
}

// TestUndistortFixedPointFallback: the fixed-point iteration alone also
// solves mild distortion (it is the fallback when Newton stalls).
func TestUndistortFixedPointFallback(t *testing.T) {
	t.Parallel()
	d := Distortion{K1: -0.05, K2: 0.01, P1: 0.001, P2: -0.001}
	xd, yd := d.Distort(0.3, -0.25)
	x, y, res := d.fixedPoint(xd, yd)
	if res > undistortTol || math.Abs(x-0.3) > 1e-9 || math.Abs(y+0.25) > 1e-9 {
		t.Fatalf("fixed point gave (%g, %g) residual %g", x, y, res)
	}
}

func BenchmarkUndistort(b *testing.B) {
	c := chessboardCamera()
	pts := make([][2]float64, 0, 1024)
	for v := 0.0; v < 480; v += 16 {
		for u := 0.0; u < 640; u += 20 {
			pts = append(pts, [2]float64{(u - c.K.Cx) / c.K.Fx, (v - c.K.Cy) / c.K.Fy})
		}
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, p := range pts {
			c.D.Undistort(p[0], p[1])
		}
		n += len(pts)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/point")
}
