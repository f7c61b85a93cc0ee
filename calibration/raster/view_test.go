package raster

import (
	"errors"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
)

// TestCamProjectorMatchesRig holds the inlined projection to the rig's.
func TestCamProjectorMatchesRig(t *testing.T) {
	t.Parallel()
	for _, d := range []rig.Distortion{{}, {K1: -0.3, K2: 0.1, P1: 0.01, P2: -0.02, K3: 0.01}} {
		cam := testCamera(t, 640, 480, 500, [3]float64{1, 2, 3}, [3]float64{0, 1, 0}, d)
		r := NewRenderer(1)
		if err := r.cameraView(cam); err != nil {
			t.Fatal(err)
		}
		for _, p := range [][3]float64{{0.1, -0.2, 1}, {-0.5, 0.4, 2}, {0, 0, 0.5}, {0.3, 0.3, 0.3}} {
			want := cam.ProjectCam(p)
			sx, sy := r.view.proj.project(p[0], p[1], 1/p[2])
			if math.Abs(sx-want[0]) > 1e-9 || math.Abs(sy-want[1]) > 1e-9 {
				t.Fatalf("distortion %+v, point %v: (%g, %g), rig says %v", d, p, sx, sy, want)
			}
		}
	}
}

func TestCameraView(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		d       rig.Distortion
		w       int
		wantErr error
		folded  bool // guard limited by the distortion's fold
	}{
		{"pinhole", rig.Distortion{}, 640, nil, false},
		{"mild barrel", rig.Distortion{K1: -0.05}, 640, nil, false},
		{"strong barrel folds", rig.Distortion{K1: -0.4}, 640, nil, true},
		{"too wide", rig.Distortion{}, maxSize + 1, ErrCamera, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cam := testCamera(t, tc.w, 480, 500, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, tc.d)
			r := NewRenderer(1)
			err := r.cameraView(cam)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("cameraView() = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			ex := (float64(tc.w) / 2) / 500
			full := guardScale * ex
			if folded := r.view.gx < full*0.999; folded != tc.folded {
				t.Fatalf("guard %g of %g: folded %v, want %v", r.view.gx, full, folded, tc.folded)
			}
			if tc.folded {
				// Inside the guard radius the radial map still increases.
				rg := math.Hypot(r.view.gx, r.view.gy)
				if s := 1 + 3*tc.d.K1*rg*rg; s <= 0 {
					t.Fatalf("guard radius %g is past the fold", rg)
				}
			}
		})
	}
}

func TestRoundFixed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   float64
		want int32
	}{{0, 0}, {0.49, 0}, {0.5, 1}, {1.7, 2}, {-0.49, 0}, {-0.5, -1}, {-1.7, -2}, {-1.2, -1}} {
		if got := roundFixed(tc.in); got != tc.want {
			t.Errorf("roundFixed(%g) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
