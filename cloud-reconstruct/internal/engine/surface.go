package engine

import (
	"fmt"
	"math"
	"math/bits"

	"cloudme.dev/proto/mesh"
)

// edgeTab[e] gives cube edge e's start corner offset and axis.
var edgeTab = func() (t [12]struct{ dx, dy, dz, axis int32 }) {
	for e := 0; e < 12; e++ {
		off, a := edgeCorner(e)
		t[e].dx, t[e].dy, t[e].dz, t[e].axis = int32(off[0]), int32(off[1]), int32(off[2]), int32(a)
	}
	return t
}()

// axis27 is the step along each axis in the 3x3x3 corners of a level-1
// cell (n = dx + 3dy + 9dz); cell corner v (offsets v&1, v>>1&1, v>>2&1)
// of a child is at n = 0, 1, 3, 4, 9, 10, 12, 13 from the child's first.
var axis27 = [3]int32{1, 3, 9}

// childBase[v] is child v's (offsets v&1, v>>1&1, v>>2&1) first corner
// among the 3x3x3 corners of its level-1 cell (n = dx + 3dy + 9dz);
// childCell[v] its offset in a brick's cell arrays from the level-1
// cell's first child.
var childBase, childCell = func() (nb, cell [8]int32) {
	for v := range int32(8) {
		dx, dy, dz := v&1, v>>1&1, v>>2&1
		nb[v] = dx + 3*dy + 9*dz
		cell[v] = dx + brickN*(dy+brickN*dz)
	}
	return nb, cell
}()

// off27[n] is the offset in a brick's corner arrays of corner n = dx + 3dy
// + 9dz of a level-1 cell.
var off27 = func() (t [27]int32) {
	for n := range int32(27) {
		t[n] = n%3 + brickC*(n/3%3+brickC*(n/9))
	}
	return t
}()

// near1[ci] is the set of level-1 cells of a brick (bit x + 4y + 16z)
// that have brick corner ci on their boundary.
var near1 = func() (t [brickC * brickC * brickC]uint64) {
	for ci := range t {
		c := [3]int{ci % brickC, ci / brickC % brickC, ci / (brickC * brickC)}
		for v := 0; v < 8; v++ {
			var l [3]int
			ok := true
			for a := 0; a < 3; a++ {
				// The finest cells around the corner along axis a are c-1
				// and c; their level-1 parents (c-1)>>1 and c>>1.
				f := c[a] - 1 + v>>uint(a)&1
				l[a] = f >> 1
				ok = ok && f >= 0 && l[a] < brickN/2
			}
			if ok {
				t[ci] |= 1 << uint(l[0]+brickN/2*(l[1]+brickN/2*l[2]))
			}
		}
	}
	return t
}()

// corners1[c1] is the set of brick corners (bit ci) of level-1 cell c1
// (x + 4y + 16z).
var corners1 = func() (t [brickN * brickN * brickN / 8][(brickC*brickC*brickC + 63) / 64]uint64) {
	for c1 := range t {
		x, y, z := 2*(c1&3), 2*(c1>>2&3), 2*(c1>>4)
		for n := range 27 {
			ci := x + n%3 + brickC*(y+n/3%3+brickC*(z+n/9))
			t[c1][ci>>6] |= 1 << uint(ci&63)
		}
	}
	return t
}()

// fieldAt evaluates the field at p with the given active cameras; clip
// says whether the volume's own distance can be below R at p (false inside
// a brick that lies deeper than R in the volume). The camera *hint (if
// active) is tried first and *hint is set to the camera that carves p, if
// one does: neighbouring points tend to be carved by the same camera, and
// the result does not depend on the order (every camera reads at least
// -R, where the evaluation stops).
func (e *cpu) fieldAt(px, py, pz float64, mask uint64, hint *int, clip bool) float64 {
	R := e.g.R
	f := R
	if clip {
		if bc := e.g.boxClip([3]float64{px, py, pz}); bc < f {
			if f = bc; f <= -R {
				return f
			}
		}
	}
	if h := *hint; h >= 0 && mask&(1<<uint(h)) != 0 {
		if d := e.cams[h].field(px, py, pz, R, e.pad); d < f {
			if f = d; f <= -R {
				return f
			}
		}
		mask &^= 1 << uint(h)
	}
	for m := mask; m != 0; m &= m - 1 {
		c := bits.TrailingZeros64(m)
		if d := e.cams[c].field(px, py, pz, R, e.pad); d < f {
			if f = d; f <= -R {
				*hint = c
				return f
			}
		}
	}
	return f
}

// Corner ownership. A corner on a brick's +x, +y or +z face (a local
// coordinate of 8) belongs to the neighbouring brick that holds it at
// local coordinates in [0,8)^3; it is evaluated there once (if that
// brick exists) and copied to the bricks that share it.

// facePattern[ci] is the set of axes (bit a) along which brick corner ci
// has local coordinate brickN: the offset (dx|dy<<1|dz<<2) of its owner.
// ownerCorner[ci] is its index in the owner's corner arrays.
var facePattern, ownerCorner = func() (p [brickC * brickC * brickC]uint8, o [brickC * brickC * brickC]int32) {
	for ci := range p {
		c := [3]int{ci % brickC, ci / brickC % brickC, ci / (brickC * brickC)}
		for a := 0; a < 3; a++ {
			if c[a] == brickN {
				p[ci] |= 1 << uint(a)
				c[a] = 0
			}
		}
		o[ci] = int32(c[0] + brickC*(c[1]+brickC*c[2]))
	}
	return p, o
}()

// cornerXYZ[ci] is brick corner ci's local coordinates.
var cornerXYZ = func() (t [brickC * brickC * brickC][3]int32) {
	for ci := range t {
		t[ci] = [3]int32{int32(ci % brickC), int32(ci / brickC % brickC), int32(ci / (brickC * brickC))}
	}
	return t
}()

// faceSel[d] is the set of brick corners (bit ci) with facePattern d.
var faceSel = func() (t [8][cornerWords]uint64) {
	for ci, d := range facePattern {
		t[d][ci>>6] |= 1 << uint(ci&63)
	}
	return t
}()

// childLayer[c] is the set of finest cells (bit x + 8y) of one layer of
// a brick under level-1 cell c (x + 4y) of a layer of level-1 cells.
var childLayer = func() (t [16]uint64) {
	for c := range t {
		x, y := 2*(c&3), 2*(c>>2)
		for v := 0; v < 4; v++ {
			t[c] |= 1 << uint(x+v&1+brickN*(y+v>>1))
		}
	}
	return t
}()

// markBrick marks the brick's finest band cells (the children of its
// level-1 boundary cells), the corners they need and its level-1 cells
// off the band by class.
func (e *cpu) markBrick(b *brick) {
	for word := b.band1; word != 0; word &= word - 1 {
		// The children of level-1 cell (x, y, z) fill 2x2 cells of layers
		// 2z and 2z+1 (a layer of 8x8 cells is one word).
		c1 := bits.TrailingZeros64(word)
		z, pat := 2*(c1>>4)&(brickN-2), childLayer[c1&15]
		b.band[z] |= pat
		b.band[z+1] |= pat
	}
	var empty1, inside1 uint64
	for c1, cls := range b.cls1 {
		switch cls {
		case cellEmpty:
			empty1 |= 1 << uint(c1)
		case cellInside:
			inside1 |= 1 << uint(c1)
		}
	}
	b.empty1, b.inside1 = empty1, inside1
	var need [len(b.need)]uint64
	for word := b.band1; word != 0; word &= word - 1 {
		cs := &corners1[bits.TrailingZeros64(word)]
		for w := range need {
			need[w] |= cs[w]
		}
	}
	b.need = need
}

// ownedCorners returns the corners the brick evaluates: those it needs
// and owns (or whose owner does not exist), and those its -x/-y/-z
// neighbours need and it owns. The neighbours' need sets must be final.
func (e *cpu) ownedCorners(b *brick) (set [cornerWords]uint64) {
	for w := range set {
		set[w] = b.need[w] & faceSel[0][w]
	}
	for d := 1; d < 8; d++ {
		if b.nbr[d] < 0 {
			for w := range set {
				set[w] |= b.need[w] & faceSel[d][w]
			}
		}
		if slot := b.back[d]; slot >= 0 {
			nb := e.bricks[slot]
			for w := range set {
				for word := nb.need[w] & faceSel[d][w]; word != 0; word &= word - 1 {
					ci := ownerCorner[w*64+bits.TrailingZeros64(word)]
					set[ci>>6] |= 1 << uint(ci&63)
				}
			}
		}
	}
	return set
}

// evalBrick evaluates the field at the corners the brick owns (see
// ownedCorners) and returns the number of evaluations.
func (e *cpu) evalBrick(b *brick) int {
	g := &e.g
	bx, by, bz := b.bi*brickN, b.bj*brickN, b.bk*brickN
	// The volume clip matters only within R of the volume's faces.
	p0, p1 := g.corner(bx, by, bz), g.corner(bx+brickN, by+brickN, bz+brickN)
	clip := false
	for a := 0; a < 3; a++ {
		clip = clip || p0[a]-g.lo[a] < 2*g.R || g.hi[a]-p1[a] < 2*g.R
	}
	// The field at the corners, brick corner by brick corner. A corner's
	// cameras are those active in every level-1 band cell around it (a
	// camera dropped by one of them reads +R there; all the frame's
	// cameras for a corner that only a neighbour's band cells need); next
	// to a level-1 cell carved by a camera, or inside for every camera,
	// the field is known without evaluation.
	set := e.ownedCorners(b)
	empty1, inside1 := b.empty1, b.inside1
	evals := 0
	smooth := e.cfg.Smoothing > 0
	hint := -1
	R := g.R
	// The corners' world coordinates along each axis (as g.corner).
	var xs, ys, zs [16]float64
	for i := int32(0); i < brickC; i++ {
		p := g.corner(bx+i, by+i, bz+i)
		xs[i], ys[i], zs[i] = p[0], p[1], p[2]
	}
	for w, word := range set {
		for ; word != 0; word &= word - 1 {
			ci := int32(w*64 + bits.TrailingZeros64(word))
			xyz := &cornerXYZ[ci]
			cx, cy, cz := xyz[0], xyz[1], xyz[2]
			p := [3]float64{xs[cx&15], ys[cy&15], zs[cz&15]}
			var val float64
			switch near := near1[ci]; {
			case near&empty1 != 0: // a camera reads -R here
				val = -R
				if clip {
					val = min(val, g.boxClip(p))
				}
			case near&inside1 != 0: // every camera reads +R here
				val = R
				if clip {
					val = min(val, g.boxClip(p))
				}
			default:
				mask := e.active
				for m := near & b.band1; m != 0; m &= m - 1 {
					mask &= b.mask1[bits.TrailingZeros64(m)]
				}
				val = e.fieldAt(p[0], p[1], p[2], mask, &hint, clip)
				evals++
			}
			if smooth {
				val = e.smoothCorner(b, cx, cy, cz, val)
			}
			b.corner[ci] = float32(val)
		}
	}
	b.evaluated = set
	return evals
}

// meshBrick copies the corners the brick needs from their owners,
// records its band cells' configurations and creates the vertices on the
// cut edges the brick owns. Every brick's evalBrick must be done.
func (e *cpu) meshBrick(b *brick) {
	for d := 1; d < 8; d++ {
		slot := b.nbr[d]
		if slot < 0 {
			continue
		}
		owner := e.bricks[slot]
		for w := range b.need {
			word := b.need[w] & faceSel[d][w]
			b.evaluated[w] |= word
			for ; word != 0; word &= word - 1 {
				ci := w*64 + bits.TrailingZeros64(word)
				b.corner[ci] = owner.corner[ownerCorner[ci]]
			}
		}
	}
	g := &e.g
	bx, by, bz := b.bi*brickN, b.bj*brickN, b.bk*brickN
	// The corners' world coordinates along each axis (as g.corner).
	var xs, ys, zs [16]float64
	for i := int32(0); i < brickC; i++ {
		p := g.corner(bx+i, by+i, bz+i)
		xs[i], ys[i], zs[i] = p[0], p[1], p[2]
	}
	// Per level-1 cell: its 3x3x3 corners (n = dx + 3dy + 9dz), its
	// children's configurations and the vertices on the edges they own.
	for word := b.band1; word != 0; word &= word - 1 {
		c1 := int32(bits.TrailingZeros64(word))
		x, y, z := 2*(c1&3), 2*(c1>>2&3), 2*(c1>>4)
		base := x + brickC*(y+brickC*z)
		var f [27]float32
		var sign uint32 // bit n: f[n] > 0
		for r := range 9 {
			o := base + off27[3*r]
			_ = b.corner[o+2]
			f0, f1, f2 := b.corner[o], b.corner[o+1], b.corner[o+2]
			f[3*r], f[3*r+1], f[3*r+2] = f0, f1, f2
			sign |= (positive(f0) | positive(f1)<<1 | positive(f2)<<2) << uint(3*r)
		}
		cell0 := x + brickN*(y+brickN*z)
		if sign == 0 || sign == 1<<27-1 {
			// No cut edge: the children are all outside or all inside.
			conf := uint8(0)
			if sign != 0 {
				conf = 255
			}
			for _, off := range childCell {
				b.conf[(cell0+off)&(brickN*brickN*brickN-1)] = conf
			}
			continue
		}
		for v := int32(0); v < 8; v++ {
			dx, dy, dz := v&1, v>>1&1, v>>2&1
			base := childBase[v]
			// Corner v is at n = base + 0, 1, 3, 4, 9, 10, 12, 13.
			t := sign >> uint(base)
			conf := uint8(t&3 | t>>1&0xc | t>>5&0x30 | t>>6&0xc0)
			cell := cell0 + childCell[v]
			b.conf[cell&(brickN*brickN*brickN-1)] = conf
			if conf == 0 || conf == 255 {
				continue
			}
			b.nTri += int32(mcTable[conf].n)
			b.surf = append(b.surf, uint16(cell))
			f0 := f[base]
			for a, step := range axis27 {
				f1 := f[base+step]
				if (f0 > 0) == (f1 > 0) {
					continue
				}
				t := float64(f0) / float64(f0-f1)
				p := [3]float64{xs[(x+dx)&15], ys[(y+dy)&15], zs[(z+dz)&15]}
				p[a] += t * g.s
				ei := 3*cell + int32(a)
				b.edgeSet[ei>>6] |= 1 << uint(ei&63)
				b.edgeVert[ei] = int32(len(b.verts) / 3)
				b.verts = append(b.verts, float32(p[0]), float32(p[1]), float32(p[2]))
			}
		}
	}
}

// mcUsed[conf] is the set of cube edges (bit e) that configuration conf's
// triangles use; mcFlat[conf] lists its triangles' edges in order.
var mcUsed, mcFlat = func() (used [256]uint16, flat [256][36]uint8) {
	for conf := range mcTable {
		c := &mcTable[conf]
		for t, tri := range c.tri[:c.n] {
			for k, ed := range tri {
				used[conf] |= 1 << ed
				flat[conf][3*t+k] = ed
			}
		}
	}
	return used, flat
}()

// edgeLocal[e] is the offset, from 3·cell, of cube edge e's index in a
// brick's edge arrays when the edge starts in the same brick.
var edgeLocal = func() (t [12]int32) {
	for e := range t {
		et := &edgeTab[e]
		t[e] = 3*(et.dx+brickN*(et.dy+brickN*et.dz)) + et.axis
	}
	return t
}()

// positive is 1 when f > 0, else 0.
func positive(f float32) uint32 {
	if f > 0 {
		return 1
	}
	return 0
}

// writeBrick copies the brick's vertices into the mesh and writes the
// triangles of its surface cells with global vertex indices. A cell's
// edges are looked up once each (several of its triangles share a
// vertex); the edges of a cell off the brick's last layers (local
// coordinate 7 along some axis) all start in this brick.
func (e *cpu) writeBrick(b *brick, out *mesh.Mesh) error {
	copy(out.Positions[3*b.vertBase:], b.verts)
	ti := 3 * int(b.triBase)
	var vert [16]uint32
	for _, cell16 := range b.surf {
		cell := int32(cell16)
		conf := b.conf[cell]
		x, y, z := cell&7, cell>>3&7, cell>>6
		interior := x < brickN-1 && y < brickN-1 && z < brickN-1
		for m := mcUsed[conf]; m != 0; m &= m - 1 {
			ed := bits.TrailingZeros16(m) & 15 // the mask drops the bounds checks
			owner := b
			var ei int32
			if interior {
				ei = 3*cell + edgeLocal[ed]
			} else {
				et := &edgeTab[ed]
				cx, cy, cz := x+et.dx, y+et.dy, z+et.dz
				nb := 0
				if cx == brickN {
					nb, cx = nb|1, 0
				}
				if cy == brickN {
					nb, cy = nb|2, 0
				}
				if cz == brickN {
					nb, cz = nb|4, 0
				}
				slot := b.nbr[nb]
				if slot < 0 {
					return fmt.Errorf("%w: brick (%d,%d,%d) needs missing neighbour %d", ErrInternal, b.bi, b.bj, b.bk, nb)
				}
				owner = e.bricks[slot]
				ei = 3*(cx+brickN*(cy+brickN*cz)) + et.axis
			}
			if owner.edgeSet[ei>>6]&(1<<uint(ei&63)) == 0 {
				return fmt.Errorf("%w: brick (%d,%d,%d) cell %d: edge without a vertex", ErrInternal, b.bi, b.bj, b.bk, cell)
			}
			vert[ed] = uint32(owner.vertBase + owner.edgeVert[ei])
		}
		n := 3 * mcTable[conf].n
		idx := out.Indices[ti : ti+n]
		for i, ed := range mcFlat[conf][:n] {
			idx[i] = vert[ed&15]
		}
		ti += n
	}
	return nil
}

// surface extracts the mesh from the marked bricks.
func (e *cpu) surface(out *mesh.Mesh, st *Stats) error {
	bricks := e.bricks[:e.nBricks]
	evals := make([]int, e.cfg.Workers)
	// Three passes: the band and the corners each brick needs; the field
	// at the corners each brick owns; the copies of the shared corners and
	// marching cubes.
	parallelEach(len(bricks), e.cfg.Workers, func(_, i int) {
		e.markBrick(bricks[i])
	})
	parallelEach(len(bricks), e.cfg.Workers, func(w, i int) {
		evals[w] += e.evalBrick(bricks[i])
	})
	parallelEach(len(bricks), e.cfg.Workers, func(_, i int) {
		e.meshBrick(bricks[i])
	})
	var nv, nt int32
	band := 0
	for _, b := range bricks {
		b.vertBase, b.triBase = nv, nt
		nv += int32(len(b.verts) / 3)
		nt += b.nTri
		for _, word := range b.band {
			band += bits.OnesCount64(word)
		}
	}
	for _, n := range evals {
		st.FieldEvals += n
	}
	st.BoundaryCells, st.Bricks = band, len(bricks)
	out.Positions = grow(out.Positions, 3*int(nv))
	out.Indices = growU32(out.Indices, 3*int(nt))
	// A failure names the first failing brick in brick order, whichever
	// worker met it (the workers take bricks as they come).
	type brickErr struct {
		i   int
		err error
	}
	errs := make([]brickErr, e.cfg.Workers)
	parallelEach(len(bricks), e.cfg.Workers, func(w, i int) {
		if err := e.writeBrick(bricks[i], out); err != nil && (errs[w].err == nil || i < errs[w].i) {
			errs[w] = brickErr{i, err}
		}
	})
	first := brickErr{i: len(bricks)}
	for _, be := range errs {
		if be.err != nil && be.i < first.i {
			first = be
		}
	}
	if first.err != nil {
		return first.err
	}
	st.Vertices, st.Triangles = int(nv), int(nt)
	return nil
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func growU32(s []uint32, n int) []uint32 {
	if cap(s) < n {
		return make([]uint32, n)
	}
	return s[:n]
}

func growU8(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}

// vertexNormals computes area-weighted unit vertex normals of out into
// e.normals (and the colour stage's vertex records into e.vx),
// accumulating per worker to avoid races.
func (e *cpu) vertexNormals(out *mesh.Mesh) []float32 {
	nv := len(out.Positions)
	W := e.cfg.Workers
	for len(e.nbuf) < W {
		e.nbuf = append(e.nbuf, nil)
	}
	nt := len(out.Indices) / 3
	parallelFor(nt, W, func(w, lo, hi int) {
		acc := grow(e.nbuf[w], nv)
		clear(acc)
		e.nbuf[w] = acc
		pos, idx := out.Positions, out.Indices[3*lo:3*hi]
		acc = acc[:len(pos)]
		// Plain indexing (one bounds check per vertex, through the
		// a+2 check): sub-slicing each vertex costs twice as much.
		for ; len(idx) >= 3; idx = idx[3:] {
			a, b, c := 3*int(idx[0]), 3*int(idx[1]), 3*int(idx[2])
			_, _, _ = pos[a+2], pos[b+2], pos[c+2]
			ax, ay, az := pos[a], pos[a+1], pos[a+2]
			ux, uy, uz := pos[b]-ax, pos[b+1]-ay, pos[b+2]-az
			vx, vy, vz := pos[c]-ax, pos[c+1]-ay, pos[c+2]-az
			nx, ny, nz := uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx
			acc[a], acc[a+1], acc[a+2] = acc[a]+nx, acc[a+1]+ny, acc[a+2]+nz
			acc[b], acc[b+1], acc[b+2] = acc[b]+nx, acc[b+1]+ny, acc[b+2]+nz
			acc[c], acc[c+1], acc[c+2] = acc[c]+nx, acc[c+1]+ny, acc[c+2]+nz
		}
	})
	used := min(W, nt)
	e.normals = grow(e.normals, nv)
	if cap(e.vx) < nv/3 {
		e.vx = make([]colourVtx, nv/3)
	}
	e.vx = e.vx[:nv/3]
	parallelFor(nv/3, W, func(_, lo, hi int) {
		dst := e.normals[3*lo : 3*hi]
		// The workers' sums, in worker order (as 0 + w0 + w1 + ...).
		switch used {
		case 0:
			clear(dst)
		case 1:
			copy(dst, e.nbuf[0][3*lo:3*hi])
		default:
			src0 := e.nbuf[0][3*lo : 3*hi]
			for i, s := range e.nbuf[1][3*lo : 3*hi] {
				dst[i] = src0[i] + s
			}
			for w := 2; w < used; w++ {
				for i, s := range e.nbuf[w][3*lo : 3*hi] {
					dst[i] += s
				}
			}
		}
		vx := e.vx[lo:hi]
		pos := out.Positions[3*lo : 3*hi]
		for v := range vx {
			n, p := dst[3*v:3*v+3:3*v+3], pos[3*v:3*v+3:3*v+3]
			l := float32(math.Sqrt(float64(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])))
			if l > 0 {
				n[0], n[1], n[2] = n[0]/l, n[1]/l, n[2]/l
			}
			q := &vx[v]
			q.p = [3]float32(p)
			q.n = [3]float32(n)
			q.np = n[0]*p[0] + n[1]*p[1] + n[2]*p[2]
		}
	})
	return e.normals
}

// colourVtx is a vertex as the colour stage reads it: position, unit
// normal and their dot product (n·c - np > 0 says the vertex faces a
// camera at c).
type colourVtx struct {
	p, n [3]float32
	np   float32
}
