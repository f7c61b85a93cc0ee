package raster

// plane is an attribute that is affine in pixel coordinates:
// value(x, y) = a x + b y + c.
type plane struct{ a, b, c float64 }

// planeOf fits the plane through the attribute values v0, v1, v2 at the
// triangle's vertices; inv is 1/det of the vertex positions relative to p0.
func planeOf(p0x, p0y, d1x, d1y, d2x, d2y, inv, v0, v1, v2 float64) plane {
	dv1, dv2 := v1-v0, v2-v0
	a := (dv1*d2y - dv2*d1y) * inv
	b := (dv2*d1x - dv1*d2x) * inv
	return plane{a: a, b: b, c: v0 - a*p0x - b*p0y}
}

// topLeft reports whether the edge with direction (dx, dy) is a top or left
// edge of a positive-area triangle (image y pointing down): its pixels
// centres that lie exactly on it are drawn, those on other edges are not,
// so triangles sharing an edge never both draw a pixel.
func topLeft(dx, dy int64) bool {
	return dy < 0 || (dy == 0 && dx > 0)
}

// edge is an edge function E(x, y) = dx (y - y0) - dy (x - x0) in fixed
// point, evaluated at pixel centres.
type edge struct {
	row   int64 // value at the first pixel of the current row, bias included
	stepX int64 // change per pixel to the right
	stepY int64 // change per row down
}

// newEdge sets up the edge from p to q at pixel (x, y).
func newEdge(px, py, qx, qy int64, x, y int32) edge {
	dx, dy := qx-px, qy-py
	e := dx*((int64(y)<<subBits)-py) - dy*((int64(x)<<subBits)-px)
	if !topLeft(dx, dy) {
		e-- // E > 0 becomes E-1 >= 0
	}
	return edge{row: e, stepX: -dy << subBits, stepY: dx << subBits}
}

// triangle draws one binned triangle into rows [y0, y1] of dst.
func triangle(dst *Target, t *binTri, a, b, c *vert, y0, y1 int32, tex *Texture, mask bool) {
	ax, ay := int64(a.fx), int64(a.fy)
	bx, by := int64(b.fx), int64(b.fy)
	cx, cy := int64(c.fx), int64(c.fy)
	x0 := t.x0
	e0 := newEdge(bx, by, cx, cy, x0, y0) // opposite a
	e1 := newEdge(cx, cy, ax, ay, x0, y0) // opposite b
	e2 := newEdge(ax, ay, bx, by, x0, y0) // opposite c

	// Attribute planes from the exact (unsnapped) positions.
	d1x, d1y := b.sx-a.sx, b.sy-a.sy
	d2x, d2y := c.sx-a.sx, c.sy-a.sy
	det := d1x*d2y - d2x*d1y
	var inv float64
	if det != 0 {
		inv = 1 / det
	}
	pl := func(v0, v1, v2 float64) plane {
		if inv == 0 {
			return plane{c: (v0 + v1 + v2) / 3}
		}
		return planeOf(a.sx, a.sy, d1x, d1y, d2x, d2y, inv, v0, v1, v2)
	}
	izP := pl(a.iz, b.iz, c.iz)
	izLo, izHi := min(a.iz, b.iz, c.iz), max(a.iz, b.iz, c.iz)
	rP := pl(float64(a.r)*a.iz, float64(b.r)*b.iz, float64(c.r)*c.iz)
	gP := pl(float64(a.g)*a.iz, float64(b.g)*b.iz, float64(c.g)*c.iz)
	bP := pl(float64(a.b)*a.iz, float64(b.b)*b.iz, float64(c.b)*c.iz)
	var uP, vP plane
	if tex != nil {
		uP = pl(float64(a.u)*a.iz, float64(b.u)*b.iz, float64(c.u)*c.iz)
		vP = pl(float64(a.v)*a.iz, float64(b.v)*b.iz, float64(c.v)*c.iz)
	}

	w := dst.Width
	depth, color, mk := dst.Depth, dst.Color, dst.Mask
	for y := y0; y <= y1; y++ {
		w0, w1, w2 := e0.row, e1.row, e2.row
		fy := float64(y)
		izRow := izP.b*fy + izP.c
		i := int(y)*w + int(x0)
		in := false
		for x := x0; x <= t.x1; x, i = x+1, i+1 {
			if w0|w1|w2 < 0 {
				if in {
					// A triangle's pixels on a row are contiguous (the
					// row meets three half-planes): the rest is outside.
					break
				}
			} else {
				in = true
				fx := float64(x)
				iz := izP.a*fx + izRow
				if iz < izLo {
					iz = izLo
				} else if iz > izHi {
					iz = izHi
				}
				z := 1 / iz
				if zf := float32(z); zf < depth[i] {
					depth[i] = zf
					r := (rP.a*fx + rP.b*fy + rP.c) * z
					g := (gP.a*fx + gP.b*fy + gP.c) * z
					bl := (bP.a*fx + bP.b*fy + bP.c) * z
					if tex != nil {
						u := (uP.a*fx + uP.b*fy + uP.c) * z
						v := (vP.a*fx + vP.b*fy + vP.c) * z
						s := tex.Sample(u, v)
						r, g, bl = r*s[0]*(1.0/255), g*s[1]*(1.0/255), bl*s[2]*(1.0/255)
					}
					color[3*i] = toByte(r)
					color[3*i+1] = toByte(g)
					color[3*i+2] = toByte(bl)
					if mask {
						mk[i] = 255
					}
				}
			}
			w0 += e0.stepX
			w1 += e1.stepX
			w2 += e2.stepX
		}
		e0.row += e0.stepY
		e1.row += e1.stepY
		e2.row += e2.stepY
	}
}

// toByte rounds a colour channel to a byte, clamping to [0, 255].
func toByte(v float64) uint8 {
	switch {
	case v >= 254.5:
		return 255
	case v > 0:
		return uint8(v + 0.5)
	default:
		return 0
	}
}
