package solve

import "math"

// Mat3 is a row-major 3×3 matrix, the layout of rig.Pose.R.
type Mat3 = [9]float64

// Vec3 is a 3-vector.
type Vec3 = [3]float64

// Rodrigues returns the rotation matrix of the rotation vector w (axis times
// angle in radians), as OpenCV's cv::Rodrigues.
func Rodrigues(w Vec3) Mat3 {
	th := math.Sqrt(w[0]*w[0] + w[1]*w[1] + w[2]*w[2])
	var a, b float64 // R = I + a [w]x + b [w]x^2
	if th < 1e-8 {
		a, b = 1-th*th/6, 0.5-th*th/24
	} else {
		a, b = math.Sin(th)/th, (1-math.Cos(th))/(th*th)
	}
	x, y, z := w[0], w[1], w[2]
	return Mat3{
		1 + b*(-y*y-z*z), -a*z + b*x*y, a*y + b*x*z,
		a*z + b*x*y, 1 + b*(-x*x-z*z), -a*x + b*y*z,
		-a*y + b*x*z, a*x + b*y*z, 1 + b*(-x*x-y*y),
	}
}

// RotVec returns the rotation vector of a rotation matrix (the inverse of
// Rodrigues), with angle in [0, π].
func RotVec(r Mat3) Vec3 {
	tr := r[0] + r[4] + r[8]
	c := math.Max(-1, math.Min(1, (tr-1)/2))
	v := Vec3{r[7] - r[5], r[2] - r[6], r[3] - r[1]} // 2 sin(th) axis
	s := 0.5 * math.Sqrt(v[0]*v[0]+v[1]*v[1]+v[2]*v[2])
	th := math.Atan2(s, c)
	if th < 1e-8 {
		return Vec3{v[0] / 2, v[1] / 2, v[2] / 2}
	}
	if math.Pi-th > 1e-4 {
		k := th / (2 * math.Sin(th))
		return Vec3{v[0] * k, v[1] * k, v[2] * k}
	}
	// Near π: axis from the symmetric part, R + I = 2 a a^T (approximately).
	d := Vec3{r[0], r[4], r[8]}
	i := 0
	if d[1] > d[i] {
		i = 1
	}
	if d[2] > d[i] {
		i = 2
	}
	var ax Vec3
	ax[i] = math.Sqrt(math.Max(0, (d[i]+1)/2))
	for j := 0; j < 3; j++ {
		if j != i {
			ax[j] = (r[3*i+j] + r[3*j+i]) / (4 * ax[i])
		}
	}
	n := norm3(ax)
	// Fix the sign with the antisymmetric part when it is informative.
	if dot3(ax, v) < 0 {
		n = -n
	}
	return Vec3{ax[0] * th / n, ax[1] * th / n, ax[2] * th / n}
}

// RotationAngle returns the angle in radians of the rotation a^T b, the
// geodesic distance between two rotations.
func RotationAngle(a, b Mat3) float64 {
	w := RotVec(mulT3(a, b))
	return norm3(w)
}

// NearestRotation returns the rotation closest to m in the Frobenius norm
// (the orthogonal polar factor with determinant +1), by Horn's quaternion
// method.
func NearestRotation(m Mat3) Mat3 {
	// Maximise tr(R^T m): largest eigenvector of Horn's 4×4 matrix.
	sxx, sxy, sxz := m[0], m[1], m[2]
	syx, syy, syz := m[3], m[4], m[5]
	szx, szy, szz := m[6], m[7], m[8]
	n := []float64{
		sxx + syy + szz, szy - syz, sxz - szx, syx - sxy,
		szy - syz, sxx - syy - szz, sxy + syx, szx + sxz,
		sxz - szx, sxy + syx, -sxx + syy - szz, syz + szy,
		syx - sxy, szx + sxz, syz + szy, -sxx - syy + szz,
	}
	_, vecs := symEigen(n, 4)
	q := [4]float64{vecs[3], vecs[7], vecs[11], vecs[15]}
	return quatToMat(q)
}

// quatToMat converts a unit quaternion (w, x, y, z) to a rotation matrix.
func quatToMat(q [4]float64) Mat3 {
	n := math.Sqrt(q[0]*q[0] + q[1]*q[1] + q[2]*q[2] + q[3]*q[3])
	w, x, y, z := q[0]/n, q[1]/n, q[2]/n, q[3]/n
	return Mat3{
		1 - 2*(y*y+z*z), 2 * (x*y - w*z), 2 * (x*z + w*y),
		2 * (x*y + w*z), 1 - 2*(x*x+z*z), 2 * (y*z - w*x),
		2 * (x*z - w*y), 2 * (y*z + w*x), 1 - 2*(x*x+y*y),
	}
}

// MatToQuat converts a rotation matrix to a unit quaternion (w, x, y, z)
// with w >= 0.
func MatToQuat(r Mat3) [4]float64 {
	w := RotVec(r)
	th := norm3(w)
	if th < 1e-12 {
		return [4]float64{1, w[0] / 2, w[1] / 2, w[2] / 2}
	}
	s := math.Sin(th/2) / th
	q := [4]float64{math.Cos(th / 2), w[0] * s, w[1] * s, w[2] * s}
	if q[0] < 0 {
		q = [4]float64{-q[0], -q[1], -q[2], -q[3]}
	}
	return q
}

func mul3(a, b Mat3) Mat3 {
	var c Mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[3*i+j] = a[3*i]*b[j] + a[3*i+1]*b[3+j] + a[3*i+2]*b[6+j]
		}
	}
	return c
}

// mulT3 returns a^T b.
func mulT3(a, b Mat3) Mat3 {
	var c Mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[3*i+j] = a[i]*b[j] + a[3+i]*b[3+j] + a[6+i]*b[6+j]
		}
	}
	return c
}

func apply3(a Mat3, v Vec3) Vec3 {
	return Vec3{
		a[0]*v[0] + a[1]*v[1] + a[2]*v[2],
		a[3]*v[0] + a[4]*v[1] + a[5]*v[2],
		a[6]*v[0] + a[7]*v[1] + a[8]*v[2],
	}
}

func dot3(a, b Vec3) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func norm3(a Vec3) float64   { return math.Sqrt(dot3(a, a)) }
func sub3(a, b Vec3) Vec3    { return Vec3{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func add3(a, b Vec3) Vec3    { return Vec3{a[0] + b[0], a[1] + b[1], a[2] + b[2]} }
func scale3(a Vec3, s float64) Vec3 {
	return Vec3{a[0] * s, a[1] * s, a[2] * s}
}
func cross3(a, b Vec3) Vec3 {
	return Vec3{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
