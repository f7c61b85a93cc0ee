package raster

// cvert is a camera-frame vertex with its attributes, used while clipping.
type cvert struct {
	x, y, z       float64
	r, g, b, u, v float64
}

// maxPoly bounds the vertices of a triangle clipped by five planes.
const maxPoly = 3 + 5

// dist returns the signed distance-like value of p to the clip plane named
// by the outcode bit; >= 0 is inside.
func (v *view) dist(bit uint32, p *cvert) float64 {
	switch bit {
	case ocNear:
		return p.z - nearZ
	case ocRight:
		return v.gx*p.z - p.x
	case ocLeft:
		return v.gx*p.z + p.x
	case ocBottom:
		return v.gy*p.z - p.y
	default: // ocTop
		return v.gy*p.z + p.y
	}
}

// lerpC returns a + t (b - a), attributes included. Attributes are linear in
// camera space, so this is perspective-correct.
func lerpC(a, b *cvert, t float64) cvert {
	return cvert{
		x: a.x + t*(b.x-a.x), y: a.y + t*(b.y-a.y), z: a.z + t*(b.z-a.z),
		r: a.r + t*(b.r-a.r), g: a.g + t*(b.g-a.g), b: a.b + t*(b.b-a.b),
		u: a.u + t*(b.u-a.u), v: a.v + t*(b.v-a.v),
	}
}

// clipPolygon clips the triangle tri against every plane whose bit is set
// in oc (Sutherland-Hodgman) and returns the convex polygon left, which has
// fewer than 3 vertices when nothing is left.
func (v *view) clipPolygon(tri [3]cvert, oc uint32, buf *[2][maxPoly]cvert) []cvert {
	poly := append(buf[0][:0], tri[:]...)
	next := 1
	for bit := ocNear; bit <= ocTop; bit <<= 1 {
		if oc&bit == 0 {
			continue
		}
		out := buf[next][:0]
		for i := range poly {
			cur, nxt := &poly[i], &poly[(i+1)%len(poly)]
			dc, dn := v.dist(bit, cur), v.dist(bit, nxt)
			if dc >= 0 {
				out = append(out, *cur)
			}
			if (dc >= 0) != (dn >= 0) {
				out = append(out, lerpC(cur, nxt, dc/(dc-dn)))
			}
		}
		poly, next = out, 1-next
		if len(poly) < 3 {
			return poly
		}
	}
	return poly
}

// clipAndEmit clips a triangle that crosses the near plane or the guard
// frustum, projects the pieces' vertices into the clip list and bins the
// fan of triangles they form.
func (bn *binner) clipAndEmit(v *view, tri [3]cvert, oc uint32, surf int32) {
	var buf [2][maxPoly]cvert
	poly := v.clipPolygon(tri, oc, &buf)
	if len(poly) < 3 {
		return
	}
	first := len(bn.out.clip)
	for i := range poly {
		p := &poly[i]
		var vt vert
		v.project(&vt, p.x, p.y, max(p.z, nearZ), 0)
		vt.r, vt.g, vt.b = float32(p.r), float32(p.g), float32(p.b)
		vt.u, vt.v = float32(p.u), float32(p.v)
		bn.out.clip = append(bn.out.clip, vt)
	}
	clip := bn.out.clip
	ref := func(i int) int32 { return int32(-1 - (first + i)) }
	for i := 1; i+1 < len(poly); i++ {
		bn.emit(ref(0), ref(i), ref(i+1), &clip[first], &clip[first+i], &clip[first+i+1], surf)
	}
}
