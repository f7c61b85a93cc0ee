package rig

import (
	"errors"
	"fmt"
	"math"
)

// RotationTolerance bounds how far a rotation may be from orthonormal
// (largest entry of R*R^T - I) and its determinant from +1.
const RotationTolerance = 1e-6

// FieldError is one validation problem: the thing at fault (a camera, or the
// rig itself when Camera is empty), the field as named in the rig file, and
// what is wrong. It unwraps to ErrInvalid.
type FieldError struct {
	Camera string // e.g. "camera 3 (north-high)"; empty for rig-level fields
	Field  string // e.g. "intrinsics.fx"
	Msg    string // e.g. "must be > 0, got -5"
}

func (e *FieldError) Error() string {
	if e.Camera == "" {
		return e.Field + ": " + e.Msg
	}
	return e.Camera + ": " + e.Field + ": " + e.Msg
}

// Unwrap returns ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Validate checks one camera and returns every problem found, joined with
// errors.Join; each is a *FieldError naming the camera and the field.
func (c *Camera) Validate() error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Camera: c.label(), Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if c.ID < 0 {
		add("id", "must be >= 0, got %d", c.ID)
	}
	if c.Width <= 0 {
		add("width", "must be > 0, got %d", c.Width)
	}
	if c.Height <= 0 {
		add("height", "must be > 0, got %d", c.Height)
	}
	positive := []struct {
		name string
		v    float64
	}{{"intrinsics.fx", c.K.Fx}, {"intrinsics.fy", c.K.Fy}}
	for _, f := range positive {
		switch {
		case !finite(f.v):
			add(f.name, "must be finite, got %g", f.v)
		case f.v <= 0:
			add(f.name, "must be > 0, got %g", f.v)
		}
	}
	centre := []struct {
		name string
		v    float64
		size int
	}{{"intrinsics.cx", c.K.Cx, c.Width}, {"intrinsics.cy", c.K.Cy, c.Height}}
	for _, f := range centre {
		switch {
		case !finite(f.v):
			add(f.name, "must be finite, got %g", f.v)
		case f.size > 0 && (f.v < -0.5 || f.v >= float64(f.size)-0.5):
			add(f.name, "principal point must lie inside the image [-0.5, %g), got %g", float64(f.size)-0.5, f.v)
		}
	}
	dist := []struct {
		name string
		v    float64
	}{{"distortion.k1", c.D.K1}, {"distortion.k2", c.D.K2}, {"distortion.p1", c.D.P1}, {"distortion.p2", c.D.P2}, {"distortion.k3", c.D.K3}}
	for _, f := range dist {
		if !finite(f.v) {
			add(f.name, "must be finite, got %g", f.v)
		}
	}
	rotFinite := finiteAll(c.Pose.R[:]...)
	if !rotFinite {
		add("rotation", "must be finite, got %v", c.Pose.R)
	} else {
		if e := orthonormalError(c.Pose.R); e > RotationTolerance {
			add("rotation", "not orthonormal: R*R^T differs from identity by %.3g (tolerance %g)", e, RotationTolerance)
		} else if d := det3(c.Pose.R); math.Abs(d-1) > RotationTolerance {
			add("rotation", "determinant must be +1, got %.9g (a reflection, not a rotation)", d)
		}
	}
	if !finiteAll(c.Pose.T[:]...) {
		add("translation", "must be finite, got %v", c.Pose.T)
	} else if rotFinite {
		if cc := c.Center(); !finiteAll(cc[:]...) {
			add("translation", "camera centre is not finite: %v", cc)
		}
	}
	return errors.Join(errs...)
}

// Validate checks the rig and all its cameras and returns every problem
// found, joined with errors.Join; each wraps ErrInvalid.
func (r *Rig) Validate() error {
	var errs []error
	if r.BoothID == "" {
		errs = append(errs, &FieldError{Field: "booth_id", Msg: "must not be empty"})
	}
	if len(r.Cameras) == 0 {
		errs = append(errs, &FieldError{Field: "cameras", Msg: "rig has no cameras"})
	}
	seen := make(map[int]int, len(r.Cameras))
	for i := range r.Cameras {
		c := &r.Cameras[i]
		if j, dup := seen[c.ID]; dup {
			errs = append(errs, &FieldError{Camera: c.label(), Field: "id",
				Msg: fmt.Sprintf("duplicate id %d (cameras[%d] and cameras[%d])", c.ID, j, i)})
		} else {
			seen[c.ID] = i
		}
		if err := c.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
