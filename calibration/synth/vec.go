package synth

import "math"

// vec3 and mat3 are the small fixed-size algebra the person and the rig
// generator need. mat3 is row-major.
type vec3 = [3]float64
type mat3 = [9]float64

var ident3 = mat3{1, 0, 0, 0, 1, 0, 0, 0, 1}

func add3(a, b vec3) vec3           { return vec3{a[0] + b[0], a[1] + b[1], a[2] + b[2]} }
func sub3(a, b vec3) vec3           { return vec3{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func scale3(a vec3, s float64) vec3 { return vec3{a[0] * s, a[1] * s, a[2] * s} }
func dot3(a, b vec3) float64        { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func norm3(a vec3) float64          { return math.Sqrt(dot3(a, a)) }
func cross3(a, b vec3) vec3 {
	return vec3{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

// mulMV returns m*v.
func mulMV(m *mat3, v vec3) vec3 {
	return vec3{
		m[0]*v[0] + m[1]*v[1] + m[2]*v[2],
		m[3]*v[0] + m[4]*v[1] + m[5]*v[2],
		m[6]*v[0] + m[7]*v[1] + m[8]*v[2],
	}
}

// mulMtV returns transpose(m)*v.
func mulMtV(m *mat3, v vec3) vec3 {
	return vec3{
		m[0]*v[0] + m[3]*v[1] + m[6]*v[2],
		m[1]*v[0] + m[4]*v[1] + m[7]*v[2],
		m[2]*v[0] + m[5]*v[1] + m[8]*v[2],
	}
}

// mulMM returns a*b.
func mulMM(a, b mat3) mat3 {
	var c mat3
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			c[3*i+j] = a[3*i]*b[j] + a[3*i+1]*b[3+j] + a[3*i+2]*b[6+j]
		}
	}
	return c
}

// rotX, rotY and rotZ are right-handed rotations by angle a (radians).
func rotX(a float64) mat3 {
	c, s := math.Cos(a), math.Sin(a)
	return mat3{1, 0, 0, 0, c, -s, 0, s, c}
}

func rotY(a float64) mat3 {
	c, s := math.Cos(a), math.Sin(a)
	return mat3{c, 0, s, 0, 1, 0, -s, 0, c}
}

func rotZ(a float64) mat3 {
	c, s := math.Cos(a), math.Sin(a)
	return mat3{c, -s, 0, s, c, 0, 0, 0, 1}
}

// deg converts degrees to radians.
func deg(d float64) float64 { return d * math.Pi / 180 }
