package engine

import "math/bits"

// cellRec is a boundary cell of some level: its coordinates at that
// level, the brick it falls in (once bricks exist) and its active cameras
// (those for which it is neither carved nor wholly inside).
type cellRec struct {
	i, j, k int32
	brick   int32
	mask    uint64
}

// Cell classes for all cameras together.
const (
	cellBoundary = iota
	cellEmpty    // carved by a camera: the field is -R all over it
	cellInside   // inside for every camera, within the volume
	cellOutside  // outside the volume
)

// classifyCell tests cell (i, j, k) of a level against the active cameras.
// The camera *hint (if active) is tested first, and *hint is set to the
// camera that carves the cell, if one does: neighbouring cells tend to be
// carved by the same camera. The class does not depend on the order.
func (e *cpu) classifyCell(level int, i, j, k int32, mask uint64, hint *int) (int, uint64) {
	g := &e.g
	sh := uint(level)
	p0 := g.corner(i<<sh, j<<sh, k<<sh)
	size := g.s * float64(int(1)<<sh)
	outside, strictly := g.cellClass(level, i, j, k)
	if outside {
		return cellOutside, 0
	}
	rest := mask
	if h := *hint; h >= 0 && mask&(1<<uint(h)) != 0 {
		rest &^= 1 << uint(h)
		switch e.cams[h].classify(p0[0], p0[1], p0[2], size, g.R, e.pad) {
		case clsEmpty:
			return cellEmpty, 0
		case clsFull:
			mask &^= 1 << uint(h)
		}
	}
	for m := rest; m != 0; m &= m - 1 {
		b := bits.TrailingZeros64(m)
		switch e.cams[b].classify(p0[0], p0[1], p0[2], size, g.R, e.pad) {
		case clsEmpty:
			*hint = b
			return cellEmpty, 0
		case clsFull:
			mask &^= 1 << uint(b)
		}
	}
	if mask == 0 && strictly {
		return cellInside, 0
	}
	return cellBoundary, mask
}

// carve runs the hierarchy from the coarse grid down to the finest
// boundary cells, creating the bricks on the way and marking their
// boundary cells. It returns the number of cells classified per level.
func (e *cpu) carve(active uint64, counts []int) []int {
	g := &e.g
	nx, ny, nz := g.nTop[0], g.nTop[1], g.nTop[2]
	total := nx * ny * nz
	counts = append(counts[:0], total)
	e.chunked(total, e.chunkSize(total, 4096), func(lo, hi int, out []cellRec) []cellRec {
		hint := -1
		for idx := lo; idx < hi; idx++ {
			i := int32(idx % nx)
			j := int32(idx / nx % ny)
			k := int32(idx / (nx * ny))
			if cls, m := e.classifyCell(g.top, i, j, k, active, &hint); cls == cellBoundary {
				out = append(out, cellRec{i: i, j: j, k: k, brick: -1, mask: m})
			}
		}
		return out
	})
	for level := g.top; ; level-- {
		if level == brickShift {
			e.makeBricks()
		}
		if level == 1 {
			// The finest level is not classified: every child of a
			// boundary cell of level 1 is on the band, and the field at
			// its corners decides (a child the test would carve or class
			// inside reads -R or +R at every point, so the surface is
			// the same, and its corners are mostly needed anyway).
			e.markBand()
			return counts
		}
		counts = append(counts, 8*len(e.cur))
		child := level - 1
		cur := e.cur
		// 64 parents (512 children) a chunk: the last chunk of the finest
		// levels is short enough that the other worker does not wait
		// long for it (512 parents left it idle 0.4 ms a frame).
		e.chunked(len(cur), e.chunkSize(len(cur), 64), func(lo, hi int, out []cellRec) []cellRec {
			hint := -1
			for _, c := range cur[lo:hi] {
				for v := int32(0); v < 8; v++ {
					i, j, k := 2*c.i+v&1, 2*c.j+v>>1&1, 2*c.k+v>>2&1
					cls, m := e.classifyCell(child, i, j, k, c.mask, &hint)
					if cls == cellBoundary {
						out = append(out, cellRec{i: i, j: j, k: k, brick: c.brick, mask: m})
					} else if child <= 2 && (cls == cellEmpty || cls == cellInside) {
						e.bricks[c.brick].setClass(child, i, j, k, uint8(cls))
					}
				}
			}
			return out
		})
	}
}

// chunkSize is the chunk size for n cells: at most limit, and small
// enough that the workers get several chunks each (the top levels have few
// cells: one chunk would leave the other workers idle). The output does
// not depend on it: the chunks are gathered in order, and a cell's class
// and active cameras do not depend on the camera tested first.
func (e *cpu) chunkSize(n, limit int) int {
	return min(limit, 16+n/(4*e.cfg.Workers))
}

// chunked runs fn over [0, n) in chunks on the workers and replaces e.cur
// with the chunks' outputs in chunk order (which keeps the cells of one
// brick together). e.cur must not be the input of fn's writes: inputs are
// read from a slice the caller holds.
func (e *cpu) chunked(n, chunk int, fn func(lo, hi int, out []cellRec) []cellRec) {
	chunks := (n + chunk - 1) / chunk
	for len(e.chunkOut) < chunks {
		e.chunkOut = append(e.chunkOut, nil)
	}
	parallelChunks(n, chunk, e.cfg.Workers, func(c, lo, hi int) {
		e.chunkOut[c] = fn(lo, hi, e.chunkOut[c][:0])
	})
	// The input may be e.cur itself: gather into the spare list and swap.
	next := e.spare[:0]
	for c := 0; c < chunks; c++ {
		next = append(next, e.chunkOut[c]...)
	}
	e.cur, e.spare = next, e.cur
}

// makeBricks turns the boundary cells of the brick level into bricks.
func (e *cpu) makeBricks() {
	n := len(e.cur)
	for len(e.bricks) < n {
		e.bricks = append(e.bricks, &brick{})
	}
	e.nBricks = n
	e.slots.reset(n)
	for idx := range e.cur {
		c := &e.cur[idx]
		c.brick = int32(idx)
		e.slots.put(brickKey(c.i, c.j, c.k), int32(idx))
	}
	smooth := e.cfg.Smoothing > 0
	cur := e.cur
	parallelFor(n, e.cfg.Workers, func(_, lo, hi int) {
		for idx := lo; idx < hi; idx++ {
			// The reset touches every brick's memory: in parallel.
			c := &cur[idx]
			b := e.bricks[idx]
			b.reset(brickKey(c.i, c.j, c.k), c.i, c.j, c.k)
			for d := int32(0); d < 8; d++ {
				k := brickKey(b.bi+d&1, b.bj+d>>1&1, b.bk+d>>2&1)
				b.nbr[d] = e.slots.get(k)
				b.back[d] = -1
				if d != 0 && b.bi >= d&1 && b.bj >= d>>1&1 && b.bk >= d>>2&1 {
					b.back[d] = e.slots.get(brickKey(b.bi-d&1, b.bj-d>>1&1, b.bk-d>>2&1))
				}
				b.prevNbr[d] = -1
				if smooth {
					b.prevNbr[d] = e.prevSlots.get(k)
				}
			}
		}
	})
}

// markBand records the boundary cells of level 1 in their bricks.
func (e *cpu) markBand() {
	for _, c := range e.cur {
		b := e.bricks[c.brick]
		x, y, z := c.i-b.bi*(brickN/2), c.j-b.bj*(brickN/2), c.k-b.bk*(brickN/2)
		cell := x + brickN/2*(y+brickN/2*z)
		b.band1 |= 1 << uint(cell)
		b.mask1[cell] = c.mask
	}
}
