package rig

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestValidateOK(t *testing.T) {
	t.Parallel()
	r := testRig()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	// Principal point on the image's outer edge is still inside.
	c := r.Cameras[0]
	c.K.Cx, c.K.Cy = -0.5, -0.5
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestCameraValidateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(c *Camera)
		want   []string // substrings of the message, each one problem
	}{
		{"negative fx", func(c *Camera) { c.K.Fx = -5 }, []string{"camera 3 (north-high): intrinsics.fx: must be > 0, got -5"}},
		{"zero fy", func(c *Camera) { c.K.Fy = 0 }, []string{"camera 3 (north-high): intrinsics.fy: must be > 0, got 0"}},
		{"NaN fx", func(c *Camera) { c.K.Fx = math.NaN() }, []string{"camera 3 (north-high): intrinsics.fx: must be finite, got NaN"}},
		{"negative id", func(c *Camera) { c.ID = -1 }, []string{"camera -1 (north-high): id: must be >= 0, got -1"}},
		{"zero width", func(c *Camera) { c.Width = 0 }, []string{"camera 3 (north-high): width: must be > 0, got 0"}},
		{"negative height", func(c *Camera) { c.Height = -10 }, []string{"camera 3 (north-high): height: must be > 0, got -10"}},
		{"cx outside", func(c *Camera) { c.K.Cx = 1919.5 }, []string{"camera 3 (north-high): intrinsics.cx: principal point must lie inside the image"}},
		{"cy negative", func(c *Camera) { c.K.Cy = -1 }, []string{"camera 3 (north-high): intrinsics.cy: principal point"}},
		{"cy Inf", func(c *Camera) { c.K.Cy = math.Inf(1) }, []string{"camera 3 (north-high): intrinsics.cy: must be finite"}},
		{"k2 NaN", func(c *Camera) { c.D.K2 = math.NaN() }, []string{"camera 3 (north-high): distortion.k2: must be finite"}},
		{"p1 Inf", func(c *Camera) { c.D.P1 = math.Inf(-1) }, []string{"camera 3 (north-high): distortion.p1: must be finite"}},
		{"scaled rotation", func(c *Camera) { c.Pose.R[0] *= 1.001 }, []string{"camera 3 (north-high): rotation: not orthonormal: R*R^T differs from identity by 0.000"}},
		{"reflection", func(c *Camera) {
			for i := 6; i < 9; i++ {
				c.Pose.R[i] = -c.Pose.R[i]
			}
		}, []string{"camera 3 (north-high): rotation: determinant must be +1, got -1"}},
		{"NaN rotation", func(c *Camera) { c.Pose.R[4] = math.NaN() }, []string{"camera 3 (north-high): rotation: must be finite"}},
		{"Inf translation", func(c *Camera) { c.Pose.T[2] = math.Inf(1) }, []string{"camera 3 (north-high): translation: must be finite"}},
		{"huge translation", func(c *Camera) { c.Pose.T = [3]float64{math.MaxFloat64, math.MaxFloat64, math.MaxFloat64} }, []string{"camera 3 (north-high): translation: camera centre is not finite"}},
		{"several at once", func(c *Camera) { c.K.Fx, c.Width = -1, 0 }, []string{"intrinsics.fx: must be > 0", "width: must be > 0"}},
		{"no name", func(c *Camera) { c.Name = ""; c.K.Fy = -2 }, []string{"camera 3: intrinsics.fy: must be > 0, got -2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := wideCamera()
			c.ID, c.Name = 3, "north-high"
			tc.mutate(&c)
			err := c.Validate()
			if err == nil {
				t.Fatal("Validate accepted an invalid camera")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("error %v holds no *FieldError", err)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if got := strings.Count(msg, "\n") + 1; got != len(tc.want) {
				t.Errorf("got %d problems, want %d: %q", got, len(tc.want), msg)
			}
		})
	}
}

func TestRigValidateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(r *Rig)
		want   []string
	}{
		{"empty booth id", func(r *Rig) { r.BoothID = "" }, []string{"booth_id: must not be empty"}},
		{"no cameras", func(r *Rig) { r.Cameras = nil }, []string{"cameras: rig has no cameras"}},
		{"duplicate ids", func(r *Rig) { r.Cameras[1].ID = 0 }, []string{"camera 0 (wide): id: duplicate id 0 (cameras[0] and cameras[1])"}},
		{"collects all", func(r *Rig) { r.BoothID = ""; r.Cameras[0].K.Fx = -5; r.Cameras[1].Width = 0 }, []string{
			"booth_id: must not be empty",
			"camera 0 (left): intrinsics.fx: must be > 0, got -5",
			"camera 1 (wide): width: must be > 0, got 0",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := testRig()
			tc.mutate(r)
			err := r.Validate()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if got := strings.Count(msg, "\n") + 1; got != len(tc.want) {
				t.Errorf("got %d problems, want %d: %q", got, len(tc.want), msg)
			}
		})
	}
}
