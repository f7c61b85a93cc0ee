package rig

import "fmt"

// LookAt returns the pose of a camera at eye looking at target. The camera's
// image "up" (its -y axis) is the part of up perpendicular to the viewing
// direction, so world up appears upward in the image. It fails, wrapping
// ErrDegenerate, when eye equals target, when up is zero or parallel to the
// viewing direction, or when any input is not finite.
func LookAt(eye, target, up [3]float64) (Pose, error) {
	if !finiteAll(eye[0], eye[1], eye[2], target[0], target[1], target[2], up[0], up[1], up[2]) {
		return Pose{}, fmt.Errorf("look at: non-finite eye, target or up: %w", ErrDegenerate)
	}
	f := sub3(target, eye)
	fn := norm3(f)
	if fn == 0 {
		return Pose{}, fmt.Errorf("look at: eye equals target %v: %w", eye, ErrDegenerate)
	}
	z := scale3(f, 1/fn)
	un := norm3(up)
	if un == 0 {
		return Pose{}, fmt.Errorf("look at: up vector is zero: %w", ErrDegenerate)
	}
	u := scale3(up, 1/un)
	// Camera y points down: minus the part of up perpendicular to z.
	down := sub3(scale3(z, dot3(u, z)), u)
	dn := norm3(down)
	if dn < 1e-9 {
		return Pose{}, fmt.Errorf("look at: up %v is parallel to the viewing direction: %w", up, ErrDegenerate)
	}
	y := scale3(down, 1/dn)
	x := cross3(y, z)
	p := Pose{R: [9]float64{x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]}}
	rc := p.Apply(eye) // R*eye, since T is still zero
	p.T = [3]float64{-rc[0], -rc[1], -rc[2]}
	return p, nil
}
