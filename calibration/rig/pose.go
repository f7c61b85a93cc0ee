package rig

// Apply maps a world point into the camera frame: R*p + T.
func (p Pose) Apply(w [3]float64) [3]float64 {
	r := &p.R
	return [3]float64{
		r[0]*w[0] + r[1]*w[1] + r[2]*w[2] + p.T[0],
		r[3]*w[0] + r[4]*w[1] + r[5]*w[2] + p.T[1],
		r[6]*w[0] + r[7]*w[1] + r[8]*w[2] + p.T[2],
	}
}

// RotateInverse applies R^T to a camera-frame vector, giving the world-frame
// direction.
func (p Pose) RotateInverse(v [3]float64) [3]float64 {
	r := &p.R
	return [3]float64{
		r[0]*v[0] + r[3]*v[1] + r[6]*v[2],
		r[1]*v[0] + r[4]*v[1] + r[7]*v[2],
		r[2]*v[0] + r[5]*v[1] + r[8]*v[2],
	}
}

// Center returns the camera centre in world coordinates, -R^T T.
func (p Pose) Center() [3]float64 {
	c := p.RotateInverse(p.T)
	return [3]float64{-c[0], -c[1], -c[2]}
}

// Inverse returns the camera-to-world transform as a Pose: Xw = R^T Xc - R^T T.
func (p Pose) Inverse() Pose {
	r := &p.R
	q := Pose{R: [9]float64{r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]}}
	q.T = p.Center()
	return q
}
