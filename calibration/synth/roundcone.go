package synth

import "math"

// roundCone is the convex hull of two spheres, centre a radius ra and centre
// b radius rb, then scaled per axis by scale: the one primitive every body
// part is made of. Limbs are tapered capsules, a head or a hand is a short
// one scaled into an ellipsoid-like shape, a foot a flattened one. Its
// inside test is exact, so a union of them is an exact ground truth.
type roundCone struct {
	a, b   vec3    // centres, before scaling
	ra, rb float64 // radii, before scaling
	scale  vec3    // per-axis scale applied after the hull, all > 0

	// derived
	u      vec3    // unit axis a->b
	d      float64 // |b-a|
	sinPhi float64 // (ra-rb)/d: the tangent cone's half-angle sine
	cosPhi float64
}

// newRoundCone builds a round cone whose scaled sphere centres are at
// aFinal and bFinal (the radii are scaled along with the shape). It needs
// |ra-rb| < |a-b| or a == b with ra == rb (a sphere).
func newRoundCone(aFinal, bFinal vec3, ra, rb float64, scale vec3) roundCone {
	c := roundCone{ra: ra, rb: rb, scale: scale}
	for k := 0; k < 3; k++ {
		c.a[k] = aFinal[k] / scale[k]
		c.b[k] = bFinal[k] / scale[k]
	}
	ab := sub3(c.b, c.a)
	c.d = norm3(ab)
	if c.d < 1e-12 {
		c.u = vec3{0, 1, 0}
		c.rb = c.ra
		c.cosPhi = 1
		return c
	}
	c.u = scale3(ab, 1/c.d)
	c.sinPhi = (ra - rb) / c.d
	if c.sinPhi > 0.95 {
		c.sinPhi = 0.95
	} else if c.sinPhi < -0.95 {
		c.sinPhi = -0.95
	}
	c.cosPhi = math.Sqrt(1 - c.sinPhi*c.sinPhi)
	return c
}

// containsLocal reports whether a point in the part's (scaled) local frame
// lies inside or on the shape.
func (c *roundCone) containsLocal(p vec3) bool {
	q := vec3{p[0] / c.scale[0], p[1] / c.scale[1], p[2] / c.scale[2]}
	ap := sub3(q, c.a)
	if dot3(ap, ap) <= c.ra*c.ra {
		return true
	}
	bp := sub3(q, c.b)
	if dot3(bp, bp) <= c.rb*c.rb {
		return true
	}
	if c.d < 1e-12 {
		return false
	}
	// 2D: x along the axis from a, y the distance from the axis.
	x := dot3(ap, c.u)
	y2 := dot3(ap, ap) - x*x
	if y2 < 0 {
		y2 = 0
	}
	y := math.Sqrt(y2)
	// Inside the frustum between the tangent points: under the tangent
	// line and between the normals through the centres.
	if x*c.sinPhi+y*c.cosPhi > c.ra {
		return false
	}
	s := x*c.cosPhi - y*c.sinPhi
	return s >= 0 && s <= c.d*c.cosPhi
}

// localBounds returns the exact axis-aligned box of the shape after a
// rotation r (row-major) of its scaled local frame, relative to the frame
// origin.
func (c *roundCone) boundsUnder(r *mat3) (lo, hi vec3) {
	// Each sphere maps to an ellipsoid under M = r*diag(scale); its extent
	// along world axis k is radius * |row k of M|.
	var ext vec3
	for k := 0; k < 3; k++ {
		var s float64
		for j := 0; j < 3; j++ {
			m := r[3*k+j] * c.scale[j]
			s += m * m
		}
		ext[k] = math.Sqrt(s)
	}
	for i, ctr := range [2]vec3{c.a, c.b} {
		rad := c.ra
		if i == 1 {
			rad = c.rb
		}
		w := mulMV(r, vec3{ctr[0] * c.scale[0], ctr[1] * c.scale[1], ctr[2] * c.scale[2]})
		for k := 0; k < 3; k++ {
			l, h := w[k]-rad*ext[k], w[k]+rad*ext[k]
			if i == 0 || l < lo[k] {
				lo[k] = l
			}
			if i == 0 || h > hi[k] {
				hi[k] = h
			}
		}
	}
	return lo, hi
}
