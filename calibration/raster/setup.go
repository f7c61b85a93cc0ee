package raster

// binTri is a triangle that survived setup, listed in the bin of every band
// its pixel bounding box touches. Its vertices are ordered so that the
// signed area (see area) is positive.
type binTri struct {
	a, b, c int32 // vertex refs: >= 0 into Renderer.verts, < 0 into the setup worker's clip list (-1 - i)
	surf    int32 // index into the surfaces of this render
	x0, x1  int32 // pixel bounding box, inclusive, within the target
	y0, y1  int32
}

// setupScratch is one setup worker's output, reused across renders.
type setupScratch struct {
	bins [][]binTri // per band
	clip []vert     // vertices made by clipping
	box  rect       // the pixel bounding boxes of the binned triangles, together
}

// binner carries what triangle setup needs.
type binner struct {
	w, h     int32 // target size
	bandH    int32 // rows per band
	cullBack bool
	out      *setupScratch
}

// area returns twice the signed area of the fixed-point triangle. With the
// image's y axis pointing down, a triangle that is counter-clockwise seen
// from outside and faces the camera has a negative area.
func area(a, b, c *vert) int64 {
	ax, ay := int64(a.fx), int64(a.fy)
	return (int64(b.fx)-ax)*(int64(c.fy)-ay) - (int64(c.fx)-ax)*(int64(b.fy)-ay)
}

// emit culls a projected triangle, orders it, finds its pixel bounding box
// and bins it. Triangles that cover no pixel centre are dropped here.
func (bn *binner) emit(ia, ib, ic int32, a, b, c *vert, surf int32) {
	if (a.oc|b.oc|c.oc)&ocFar != 0 {
		return
	}
	s := area(a, b, c)
	switch {
	case s == 0:
		return
	case s > 0: // faces away from the camera
		if bn.cullBack {
			return
		}
	default:
		ib, ic = ic, ib
	}
	lox, hix := min(a.fx, b.fx, c.fx), max(a.fx, b.fx, c.fx)
	loy, hiy := min(a.fy, b.fy, c.fy), max(a.fy, b.fy, c.fy)
	// Pixel x covers the centre x*subOne: first centre >= lo, last <= hi.
	x0, x1 := max((lox+subOne-1)>>subBits, 0), min(hix>>subBits, bn.w-1)
	y0, y1 := max((loy+subOne-1)>>subBits, 0), min(hiy>>subBits, bn.h-1)
	if x0 > x1 || y0 > y1 {
		return
	}
	t := binTri{a: ia, b: ib, c: ic, surf: surf, x0: x0, x1: x1, y0: y0, y1: y1}
	bn.out.box = bn.out.box.union(rect{x0: x0, y0: y0, x1: x1, y1: y1})
	for band := y0 / bn.bandH; band <= y1/bn.bandH; band++ {
		bn.out.bins[band] = append(bn.out.bins[band], t)
	}
}

// camPoint returns world vertex i of pos in the camera frame.
func (v *view) camPoint(pos []float32, i int) (x, y, z float64) {
	wx, wy, wz := float64(pos[3*i]), float64(pos[3*i+1]), float64(pos[3*i+2])
	R, T := &v.r, &v.t
	return R[0]*wx + R[1]*wy + R[2]*wz + T[0],
		R[3]*wx + R[4]*wy + R[5]*wz + T[1],
		R[6]*wx + R[7]*wy + R[8]*wz + T[2]
}

// setupSurface runs triangle setup for triangles [t0, t1) of surface s,
// whose vertices start at vbase in verts. Triangles are binned in index
// order, so that every band draws them in the same order whatever the
// number of workers.
func (bn *binner) setupSurface(v *view, s *Surface, si int32, verts []vert, vbase int, t0, t1 int) {
	idx := s.Mesh.Indices
	sv := verts[vbase : vbase+s.Mesh.VertexCount()]
	for t := t0; t < t1; t++ {
		i0, i1, i2 := idx[3*t], idx[3*t+1], idx[3*t+2]
		a, b, c := &sv[i0], &sv[i1], &sv[i2]
		if a.oc&b.oc&c.oc&ocClip != 0 {
			continue // wholly outside one clip plane
		}
		if oc := (a.oc | b.oc | c.oc) & ocClip; oc != 0 {
			var tri [3]cvert
			for k, i := range [3]uint32{i0, i1, i2} {
				p := &sv[i]
				x, y, z := v.camPoint(s.Mesh.Positions, int(i))
				tri[k] = cvert{x: x, y: y, z: z,
					r: float64(p.r), g: float64(p.g), b: float64(p.b), u: float64(p.u), v: float64(p.v)}
			}
			bn.clipAndEmit(v, tri, oc, si)
			continue
		}
		bn.emit(int32(vbase+int(i0)), int32(vbase+int(i1)), int32(vbase+int(i2)), a, b, c, si)
	}
}
