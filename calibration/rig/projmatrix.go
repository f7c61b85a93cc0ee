package rig

import (
	"fmt"
	"math"
)

// FromProjection builds a camera from a 3x4 projection matrix P = K[R|t]
// given row-major. P is only defined up to a non-zero scale, so P and -2P
// give the same camera: the sign is chosen so that points in front of the
// camera get positive depth, and K is normalised so that K[2][2] = 1. The
// left 3x3 block is split by RQ decomposition into K with a positive
// diagonal and R with determinant +1; t = K^-1 p4 (after scaling).
//
// It fails, wrapping ErrDegenerate, when P is not finite or its left 3x3
// block is singular, and, wrapping ErrUnsupported, when K has a skew larger
// than 1e-6 fx (the camera model has none). The returned camera has ID 0, no
// name, no distortion, and has passed Validate.
func FromProjection(p [12]float64, width, height int) (Camera, error) {
	if !finiteAll(p[:]...) {
		return Camera{}, fmt.Errorf("projection matrix: not finite: %w", ErrDegenerate)
	}
	m := [9]float64{p[0], p[1], p[2], p[4], p[5], p[6], p[8], p[9], p[10]}
	p4 := [3]float64{p[3], p[7], p[11]}
	det := det3(m)
	scale := math.Max(norm3([3]float64{m[0], m[1], m[2]}),
		math.Max(norm3([3]float64{m[3], m[4], m[5]}), norm3([3]float64{m[6], m[7], m[8]})))
	if scale == 0 || !(math.Abs(det) > 1e-12*scale*scale*scale) {
		return Camera{}, fmt.Errorf("projection matrix: left 3x3 block is singular (det %g): %w", det, ErrDegenerate)
	}
	if det < 0 {
		for i := range m {
			m[i] = -m[i]
		}
		p4 = scale3(p4, -1)
	}
	k, r, err := rq3(m)
	if err != nil {
		return Camera{}, err
	}
	// k is upper triangular with a positive diagonal; t = k^-1 p4 by back
	// substitution (this also divides out the overall scale k[8]).
	t := [3]float64{}
	t[2] = p4[2] / k[8]
	t[1] = (p4[1] - k[5]*t[2]) / k[4]
	t[0] = (p4[0] - k[1]*t[1] - k[2]*t[2]) / k[0]
	s := k[8]
	for i := range k {
		k[i] /= s
	}
	if math.Abs(k[1]) > skewTolerance*k[0] {
		return Camera{}, fmt.Errorf("projection matrix: skew %g (fx %g) is not supported (the model has none): %w", k[1], k[0], ErrUnsupported)
	}
	c := Camera{
		Width:  width,
		Height: height,
		K:      Intrinsics{Fx: k[0], Fy: k[4], Cx: k[2], Cy: k[5]},
		Pose:   Pose{R: r, T: t},
	}
	if err := c.Validate(); err != nil {
		return Camera{}, fmt.Errorf("projection matrix: %w", err)
	}
	return c, nil
}

// rq3 factors M = K R with K upper triangular (positive diagonal) and R with
// orthonormal rows, by Gram-Schmidt on the rows of M from the bottom up.
func rq3(m [9]float64) (k, r [9]float64, err error) {
	m1 := [3]float64{m[0], m[1], m[2]}
	m2 := [3]float64{m[3], m[4], m[5]}
	m3 := [3]float64{m[6], m[7], m[8]}

	k33 := norm3(m3)
	if k33 == 0 {
		return k, r, fmt.Errorf("projection matrix: zero third row: %w", ErrDegenerate)
	}
	r3 := scale3(m3, 1/k33)

	k23 := dot3(m2, r3)
	v2 := sub3(m2, scale3(r3, k23))
	k22 := norm3(v2)
	if k22 == 0 {
		return k, r, fmt.Errorf("projection matrix: rows are dependent: %w", ErrDegenerate)
	}
	r2 := scale3(v2, 1/k22)

	k13 := dot3(m1, r3)
	v1 := sub3(m1, scale3(r3, k13))
	k12 := dot3(v1, r2)
	v1 = sub3(v1, scale3(r2, k12))
	k11 := norm3(v1)
	if k11 == 0 {
		return k, r, fmt.Errorf("projection matrix: rows are dependent: %w", ErrDegenerate)
	}
	r1 := scale3(v1, 1/k11)

	k = [9]float64{k11, k12, k13, 0, k22, k23, 0, 0, k33}
	r = [9]float64{r1[0], r1[1], r1[2], r2[0], r2[1], r2[2], r3[0], r3[1], r3[2]}
	return k, r, nil
}

// Projection returns the camera's 3x4 projection matrix K[R|t], row-major.
// It ignores distortion.
func (c *Camera) Projection() [12]float64 {
	k := [9]float64{c.K.Fx, 0, c.K.Cx, 0, c.K.Fy, c.K.Cy, 0, 0, 1}
	var p [12]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			s := 0.0
			for l := 0; l < 3; l++ {
				var rt float64
				if j < 3 {
					rt = c.Pose.R[3*l+j]
				} else {
					rt = c.Pose.T[l]
				}
				s += k[3*i+l] * rt
			}
			p[4*i+j] = s
		}
	}
	return p
}
