package synth

import "math"

// tessellation is a round cone cut into a grid of rings, in the part's
// scaled local frame. Seam and pole vertices are repeated so that texture
// coordinates stay continuous; the surface is closed geometrically and its
// triangles are counter-clockwise seen from outside.
type tessellation struct {
	pos []float64 // x, y, z per vertex, local frame
	uv  []float32 // u, v per vertex
	idx []uint32
}

// ring is one row of the grid: the polar angle of the surface normal and
// the blend between the sphere at b (0) and the sphere at a (1).
type ring struct {
	alpha float64
	onA   float64 // 0: on sphere b, 1: on sphere a, between: on the cone
	arc   float64 // profile arc length from the b pole, metres before scaling
}

// rings lays out about n rows along the profile, spaced by arc length:
// the cap of b, the cone, the cap of a.
func (c *roundCone) rings(n int) []ring {
	alpha0 := math.Pi/2 - math.Asin(c.sinPhi)
	lb := c.rb * alpha0
	lc := c.d * c.cosPhi
	la := c.ra * (math.Pi - alpha0)
	total := lb + lc + la
	nb := max(2, int(math.Round(float64(n)*lb/total)))
	nc := max(1, int(math.Round(float64(n)*lc/total)))
	na := max(2, int(math.Round(float64(n)*la/total)))
	if lc < 1e-9 {
		nc = 0
	}
	var rs []ring
	for i := 0; i <= nb; i++ {
		f := float64(i) / float64(nb)
		rs = append(rs, ring{alpha: alpha0 * f, arc: lb * f})
	}
	for i := 1; i < nc; i++ {
		f := float64(i) / float64(nc)
		rs = append(rs, ring{alpha: alpha0, onA: f, arc: lb + lc*f})
	}
	for i := 0; i <= na; i++ {
		f := float64(i) / float64(na)
		if i == 0 && nc == 0 {
			continue // the cone has no length: the caps meet
		}
		rs = append(rs, ring{alpha: alpha0 + (math.Pi-alpha0)*f, onA: 1, arc: lb + lc + la*f})
	}
	return rs
}

// tessellate builds the grid with about nRings rows and nSeg columns.
// Texture coordinates: v is the profile arc length (after scaling, roughly)
// divided by periodV; u runs round the part repeatU times.
func (c *roundCone) tessellate(nRings, nSeg int, repeatU int, periodV float64) tessellation {
	rs := c.rings(nRings)
	// Basis (e1, e2, u) right-handed.
	ref := vec3{1, 0, 0}
	if math.Abs(c.u[0]) > 0.9 {
		ref = vec3{0, 0, 1}
	}
	e1 := cross3(ref, c.u)
	e1 = scale3(e1, 1/norm3(e1))
	e2 := cross3(c.u, e1)
	meanScale := (c.scale[0] + c.scale[1] + c.scale[2]) / 3
	var t tessellation
	cols := nSeg + 1
	t.pos = make([]float64, 0, 3*len(rs)*cols)
	t.uv = make([]float32, 0, 2*len(rs)*cols)
	for _, r := range rs {
		ca, sa := math.Cos(r.alpha), math.Sin(r.alpha)
		for j := 0; j <= nSeg; j++ {
			psi := 2 * math.Pi * float64(j) / float64(nSeg)
			n := add3(scale3(c.u, ca), add3(scale3(e1, sa*math.Cos(psi)), scale3(e2, sa*math.Sin(psi))))
			pb := add3(c.b, scale3(n, c.rb))
			pa := add3(c.a, scale3(n, c.ra))
			p := add3(scale3(pb, 1-r.onA), scale3(pa, r.onA))
			t.pos = append(t.pos, p[0]*c.scale[0], p[1]*c.scale[1], p[2]*c.scale[2])
			t.uv = append(t.uv, float32(float64(repeatU)*float64(j)/float64(nSeg)), float32(r.arc*meanScale/periodV))
		}
	}
	last := len(rs) - 1
	for i := 0; i < last; i++ {
		for j := 0; j < nSeg; j++ {
			a := uint32(i*cols + j)
			b := uint32((i+1)*cols + j)
			cc := b + 1
			d := a + 1
			if i != last-1 { // (a, b, cc) degenerates at the a pole
				t.idx = append(t.idx, a, b, cc)
			}
			if i != 0 { // (a, cc, d) degenerates at the b pole
				t.idx = append(t.idx, a, cc, d)
			}
		}
	}
	return t
}

// profileLength returns the profile arc length and mean circumference,
// roughly after scaling, used to share triangles between parts.
func (c *roundCone) profileLength() (length, circumference float64) {
	alpha0 := math.Pi/2 - math.Asin(c.sinPhi)
	m := (c.scale[0] + c.scale[1] + c.scale[2]) / 3
	length = (c.rb*alpha0 + c.d*c.cosPhi + c.ra*(math.Pi-alpha0)) * m
	circumference = math.Pi * (c.ra + c.rb) * m
	return length, circumference
}
