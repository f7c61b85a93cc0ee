package rig

import "math"

// Small 3-vector helpers used by the geometry code.

func sub3(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }

func dot3(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

func scale3(a [3]float64, s float64) [3]float64 { return [3]float64{a[0] * s, a[1] * s, a[2] * s} }

func norm3(a [3]float64) float64 { return math.Sqrt(dot3(a, a)) }

func cross3(a, b [3]float64) [3]float64 {
	return [3]float64{
		a[1]*b[2] - a[2]*b[1],
		a[2]*b[0] - a[0]*b[2],
		a[0]*b[1] - a[1]*b[0],
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func finiteAll(vs ...float64) bool {
	for _, v := range vs {
		if !finite(v) {
			return false
		}
	}
	return true
}

// det3 returns the determinant of a row-major 3x3 matrix.
func det3(m [9]float64) float64 {
	return m[0]*(m[4]*m[8]-m[5]*m[7]) -
		m[1]*(m[3]*m[8]-m[5]*m[6]) +
		m[2]*(m[3]*m[7]-m[4]*m[6])
}

// orthonormalError returns the largest absolute entry of R*R^T - I.
func orthonormalError(r [9]float64) float64 {
	worst := 0.0
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			s := r[3*i]*r[3*j] + r[3*i+1]*r[3*j+1] + r[3*i+2]*r[3*j+2]
			if i == j {
				s--
			}
			if a := math.Abs(s); a > worst || math.IsNaN(a) {
				worst = a
			}
		}
	}
	return worst
}
