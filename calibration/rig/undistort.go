package rig

import (
	"fmt"
	"math"
)

// Undistortion solver settings. The tolerance is in normalized image
// coordinates: 1e-11 is 1e-8 px at fx = 1000 and 1e-7 px at fx = 10000, well
// inside the 1e-6 px the package promises after re-projection.
const (
	undistortTol        = 1e-11
	undistortNewtonIter = 30
	undistortFixedIter  = 200
)

// Undistort inverts Distort: it returns the normalized coordinates (x, y)
// whose distortion is (xd, yd). It runs Newton's method with the analytic
// 2x2 Jacobian and a backtracking step, starting from (xd, yd), and falls
// back to OpenCV's fixed-point iteration if Newton stalls. For realistic
// lenses it converges everywhere inside the image to far better than 1e-6 px
// after re-projection.
//
// It cannot converge where no inverse exists: with strong barrel distortion
// (k1 < 0) the radial map r -> r*radial(r) rises to a maximum and then falls
// back, so distorted points beyond that fold (usually far outside the image)
// have no preimage, and points past it have several. There Undistort returns
// the best estimate it found (the point whose distortion is closest to
// (xd, yd)); use UndistortChecked to learn whether it converged.
func (d Distortion) Undistort(xd, yd float64) (x, y float64) {
	x, y, _ = d.undistort(xd, yd)
	return x, y
}

// UndistortChecked is Undistort that reports failure: it returns an error
// wrapping ErrUndistort when the iteration did not reach the tolerance, or
// when the solution lies past the fold of the distortion map (where the map
// is not invertible: the radial factor or the Jacobian determinant is <= 0,
// so the root found is a spurious one of the polynomial). x and y are then
// the best estimate.
func (d Distortion) UndistortChecked(xd, yd float64) (x, y float64, err error) {
	x, y, res := d.undistort(xd, yd)
	if !(res <= undistortTol) {
		return x, y, fmt.Errorf("undistort (%g, %g): residual %.3g after iterating: %w", xd, yd, res, ErrUndistort)
	}
	r2 := x*x + y*y
	if radial := 1 + r2*(d.K1+r2*(d.K2+r2*d.K3)); !(radial > 0) {
		return x, y, fmt.Errorf("undistort (%g, %g): solution lies past the fold of the distortion (radial factor %.3g): %w", xd, yd, radial, ErrUndistort)
	}
	if det := d.jacobianDet(x, y); !(det > 0) {
		return x, y, fmt.Errorf("undistort (%g, %g): solution lies past the fold of the distortion (Jacobian determinant %.3g): %w", xd, yd, det, ErrUndistort)
	}
	return x, y, nil
}

// undistort returns the estimate and its residual |Distort(x, y) - (xd, yd)|.
func (d Distortion) undistort(xd, yd float64) (x, y, res float64) {
	if d.IsZero() {
		return xd, yd, 0
	}
	if math.IsNaN(xd) || math.IsNaN(yd) || math.IsInf(xd, 0) || math.IsInf(yd, 0) {
		return math.NaN(), math.NaN(), math.Inf(1)
	}
	x, y, res = d.newton(xd, yd)
	if res <= undistortTol {
		return x, y, res
	}
	fx, fy, fres := d.fixedPoint(xd, yd)
	if fres < res {
		return fx, fy, fres
	}
	return x, y, res
}

// residual returns Distort(x, y) - (xd, yd) and its Euclidean norm.
func (d Distortion) residual(x, y, xd, yd float64) (ex, ey, n float64) {
	ux, uy := d.Distort(x, y)
	ex, ey = ux-xd, uy-yd
	return ex, ey, math.Hypot(ex, ey)
}

// newton solves Distort(x, y) = (xd, yd) by damped Newton iteration.
func (d Distortion) newton(xd, yd float64) (x, y, res float64) {
	x, y = xd, yd
	ex, ey, res := d.residual(x, y, xd, yd)
	for i := 0; i < undistortNewtonIter && res > undistortTol; i++ {
		a, b, c, e := d.jacobian(x, y)
		det := a*e - b*c
		if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
			break
		}
		// Solve J * step = -(ex, ey).
		sx := -(e*ex - b*ey) / det
		sy := -(a*ey - c*ex) / det
		improved := false
		for step := 1.0; step > 1e-6; step /= 2 {
			nx, ny := x+step*sx, y+step*sy
			nex, ney, nres := d.residual(nx, ny, xd, yd)
			if nres < res {
				x, y, ex, ey, res = nx, ny, nex, ney, nres
				improved = true
				break
			}
		}
		if !improved {
			break
		}
	}
	return x, y, res
}

// fixedPoint is OpenCV's undistortPoints iteration: x = (xd - tangential) /
// radial. It converges for mild distortion only but never needs a Jacobian.
func (d Distortion) fixedPoint(xd, yd float64) (x, y, res float64) {
	x, y = xd, yd
	bx, by := x, y
	_, _, best := d.residual(x, y, xd, yd)
	for i := 0; i < undistortFixedIter && best > undistortTol; i++ {
		r2 := x*x + y*y
		radial := 1 + r2*(d.K1+r2*(d.K2+r2*d.K3))
		if radial == 0 || math.IsNaN(radial) || math.IsInf(radial, 0) {
			break
		}
		dx := 2*d.P1*x*y + d.P2*(r2+2*x*x)
		dy := d.P1*(r2+2*y*y) + 2*d.P2*x*y
		x, y = (xd-dx)/radial, (yd-dy)/radial
		if _, _, r := d.residual(x, y, xd, yd); r < best {
			bx, by, best = x, y, r
		}
	}
	return bx, by, best
}

// jacobian returns the partial derivatives of Distort at (x, y), row-major:
// [dxd/dx dxd/dy; dyd/dx dyd/dy].
func (d Distortion) jacobian(x, y float64) (a, b, c, e float64) {
	r2 := x*x + y*y
	radial := 1 + r2*(d.K1+r2*(d.K2+r2*d.K3))
	g := d.K1 + r2*(2*d.K2+3*d.K3*r2) // d radial / d r2
	a = radial + 2*x*x*g + 2*d.P1*y + 6*d.P2*x
	b = 2*x*y*g + 2*d.P1*x + 2*d.P2*y
	c = b
	e = radial + 2*y*y*g + 6*d.P1*y + 2*d.P2*x
	return a, b, c, e
}

func (d Distortion) jacobianDet(x, y float64) float64 {
	a, b, c, e := d.jacobian(x, y)
	return a*e - b*c
}
