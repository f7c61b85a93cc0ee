package rig

// Distortion holds Brown-Conrady lens distortion coefficients in OpenCV's
// order (k1, k2, p1, p2, k3) and with OpenCV's formula.
type Distortion struct{ K1, K2, P1, P2, K3 float64 }

// IsZero reports whether all coefficients are zero (an ideal pinhole).
func (d Distortion) IsZero() bool {
	return d == Distortion{}
}

// Distort applies the distortion to normalized image coordinates (x, y) =
// (X/Z, Y/Z):
//
//	r2 = x² + y², radial = 1 + k1 r2 + k2 r2² + k3 r2³
//	xd = x radial + 2 p1 x y + p2 (r2 + 2 x²)
//	yd = y radial + p1 (r2 + 2 y²) + 2 p2 x y
func (d Distortion) Distort(x, y float64) (xd, yd float64) {
	r2 := x*x + y*y
	radial := 1 + r2*(d.K1+r2*(d.K2+r2*d.K3))
	xd = x*radial + 2*d.P1*x*y + d.P2*(r2+2*x*x)
	yd = y*radial + d.P1*(r2+2*y*y) + 2*d.P2*x*y
	return xd, yd
}
