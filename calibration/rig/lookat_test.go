package rig

import (
	"errors"
	"math"
	"testing"
)

func TestLookAt(t *testing.T) {
	t.Parallel()
	up := [3]float64{0, 1, 0}
	tests := []struct {
		name        string
		eye, target [3]float64
	}{
		{"front, eye level", [3]float64{0, 1.6, 2.5}, [3]float64{0, 1.6, 0}},
		{"front high", [3]float64{0, 2.2, 2}, [3]float64{0, 1, 0}},
		{"side low", [3]float64{-2, 0.4, 0}, [3]float64{0, 1, 0}},
		{"behind", [3]float64{0.5, 1.8, -2.5}, [3]float64{0, 1, 0.1}},
		{"oblique", [3]float64{1.7, 2.4, 1.7}, [3]float64{0, 0.9, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := LookAt(tc.eye, tc.target, up)
			if err != nil {
				t.Fatal(err)
			}
			c := Camera{ID: 0, Width: 1280, Height: 720,
				K: Intrinsics{Fx: 900, Fy: 900, Cx: 639.5, Cy: 359.5}, Pose: p}
			if err := c.Validate(); err != nil {
				t.Fatalf("LookAt pose invalid: %v", err)
			}
			if ctr := c.Center(); maxAbsDiff(ctr[:], tc.eye[:]) > 1e-12 {
				t.Errorf("centre %v, want eye %v", ctr, tc.eye)
			}
			px, depth := c.Project(tc.target)
			if depth <= 0 || dist2(px, [2]float64{c.K.Cx, c.K.Cy}) > 1e-9 {
				t.Errorf("target projects to %v depth %g, want the principal point", px, depth)
			}
			// A point above the target appears higher in the image (smaller v)
			// and not sideways.
			above, _ := c.Project([3]float64{tc.target[0], tc.target[1] + 0.1, tc.target[2]})
			if !(above[1] < px[1]) || math.Abs(above[0]-px[0]) > 1e-9 {
				t.Errorf("world up moves the target from %v to %v, want straight up in the image", px, above)
			}
		})
	}
}

// TestLookAtHandedness: a camera in front of the person (at +Z looking at
// -Z) sees the person's left (+X) on the image's right.
func TestLookAtHandedness(t *testing.T) {
	t.Parallel()
	p, err := LookAt([3]float64{0, 1, 3}, [3]float64{0, 1, 0}, [3]float64{0, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	want := [9]float64{1, 0, 0, 0, -1, 0, 0, 0, -1}
	if d := maxAbsDiff(p.R[:], want[:]); d > 1e-15 {
		t.Fatalf("R = %v, want %v", p.R, want)
	}
	if d := det3(p.R); math.Abs(d-1) > 1e-15 {
		t.Fatalf("det R = %g", d)
	}
}

func TestLookAtErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		eye, target, up [3]float64
	}{
		{"eye at target", [3]float64{1, 1, 1}, [3]float64{1, 1, 1}, [3]float64{0, 1, 0}},
		{"zero up", [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, [3]float64{}},
		{"up along view", [3]float64{0, 3, 0}, [3]float64{0, 1, 0}, [3]float64{0, 1, 0}},
		{"NaN eye", [3]float64{math.NaN(), 1, 3}, [3]float64{0, 1, 0}, [3]float64{0, 1, 0}},
		{"Inf up", [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, [3]float64{0, math.Inf(1), 0}},
	}
	for _, tc := range tests {
		if _, err := LookAt(tc.eye, tc.target, tc.up); !errors.Is(err, ErrDegenerate) {
			t.Errorf("%s: err = %v, want ErrDegenerate", tc.name, err)
		}
	}
}
