package meshcodec

// front is the traversal state that the encoder and the decoder share: the
// decoded triangles as a corner table, and the active boundary as doubly
// linked loops of open corners (the edge opposite each). Both sides apply
// the same mutations in the same order, so they stay in step.
type front struct {
	vert   []int32 // decoded corner -> decoded vertex id
	opp    []int32 // decoded corner -> opposite corner, open or boundary
	lnext  []int32 // open corner -> next open corner on its loop
	lprev  []int32 // open corner -> previous open corner on its loop
	stack  []int32 // gates to cross, depth first
	sweep  int32   // every corner before it is closed
	budget int     // steps left for walking loops (S references)
}

// walkBudget bounds the steps of all walks along loops in one mesh, so
// that hostile streams cannot make decoding quadratic. The encoder spends
// the same steps and falls back to an explicit reference once the budget
// is spent, so a valid stream never runs out.
func walkBudget(corners int) int { return 16*corners + 1<<16 }

func (f *front) reset(nc int) {
	f.vert = grow(f.vert, nc)[:0]
	f.opp = grow(f.opp, nc)[:0]
	f.lnext = grow(f.lnext, nc)[:0]
	f.lprev = grow(f.lprev, nc)[:0]
	f.stack = f.stack[:0]
	f.sweep = 0
	f.budget = walkBudget(nc)
}

// start and end are the vertices at the ends of the edge opposite corner k.
func (f *front) start(k int32) int32 { return f.vert[next(k)] }
func (f *front) end(k int32) int32   { return f.vert[prev(k)] }

func (f *front) link(a, b int32) { f.lnext[a], f.lprev[b] = b, a }

// addSeed adds a triangle that starts a component: a loop of its own.
func (f *front) addSeed(v0, v1, v2 int32) {
	c0 := int32(len(f.vert))
	f.vert = append(f.vert, v0, v1, v2)
	f.opp = append(f.opp, open, open, open)
	f.lnext = append(f.lnext, 0, 0, 0)
	f.lprev = append(f.lprev, 0, 0, 0)
	// Along the loop: v0->v1 (opposite c0+2), v1->v2 (c0), v2->v0 (c0+1).
	f.link(c0+2, c0)
	f.link(c0, c0+1)
	f.link(c0+1, c0+2)
	f.stack = append(f.stack, c0+2, c0+1, c0)
}

// nextGate returns the next open corner to cross: from the stack, else the
// first open corner left anywhere. ok is false when none is open.
func (f *front) nextGate() (g int32, ok bool) {
	for len(f.stack) > 0 {
		g = f.stack[len(f.stack)-1]
		f.stack = f.stack[:len(f.stack)-1]
		if f.opp[g] == open {
			return g, true
		}
	}
	for ; int(f.sweep) < len(f.opp); f.sweep++ {
		if f.opp[f.sweep] == open {
			return f.sweep, true
		}
	}
	return 0, false
}

// setBoundary closes gate g with nothing across.
func (f *front) setBoundary(g int32) {
	f.opp[g] = boundary
	if p, n := f.lprev[g], f.lnext[g]; p != g {
		f.link(p, n)
	}
}

// attach adds the triangle (tip, b, a) across gate g (edge a->b) and joins
// it to g; its corners c0+1 (edge a->tip) and c0+2 (edge tip->b) are open
// and not yet on a loop.
func (f *front) attach(g, tip int32) (c0 int32) {
	c0 = int32(len(f.vert))
	f.vert = append(f.vert, tip, f.end(g), f.start(g))
	f.opp = append(f.opp, g, open, open)
	f.lnext = append(f.lnext, 0, 0, 0)
	f.lprev = append(f.lprev, 0, 0, 0)
	f.opp[g] = c0
	return c0
}

func (f *front) join(a, b int32) { f.opp[a], f.opp[b] = b, a }

// canL reports whether the left neighbour of g can be joined: a distinct
// open corner before g. Its start is the tip.
func (f *front) canL(g int32) bool {
	p := f.lprev[g]
	return p != g && p != f.lnext[g]
}

func (f *front) canR(g int32) bool {
	n := f.lnext[g]
	return n != g && n != f.lprev[g]
}

// canE reports whether both neighbours can be joined around one tip.
func (f *front) canE(g int32) bool {
	p, n := f.lprev[g], f.lnext[g]
	return p != g && n != g && p != n && f.start(p) == f.end(n)
}

// The apply functions finish the triangle c0 attached across g and update
// the loops; g's neighbours are read before attach changed nothing on them.

func (f *front) applyC(g, c0 int32) {
	f.link(f.lprev[g], c0+1)
	f.link(c0+1, c0+2)
	f.link(c0+2, f.lnext[g])
	f.stack = append(f.stack, c0+2)
}

func (f *front) applyL(g, c0 int32) {
	p := f.lprev[g]
	f.join(c0+1, p)
	f.link(f.lprev[p], c0+2)
	f.link(c0+2, f.lnext[g])
	f.stack = append(f.stack, c0+2)
}

func (f *front) applyR(g, c0 int32) {
	n := f.lnext[g]
	f.join(c0+2, n)
	f.link(f.lprev[g], c0+1)
	f.link(c0+1, f.lnext[n])
	f.stack = append(f.stack, c0+1)
}

func (f *front) applyE(g, c0 int32) {
	p, n := f.lprev[g], f.lnext[g]
	f.join(c0+1, p)
	f.join(c0+2, n)
	if pp := f.lprev[p]; pp != n {
		f.link(pp, f.lnext[n])
	}
}

// applySplit finishes an S triangle whose tip is the end of the open corner
// in on g's loop: the loop splits in two at the tip.
func (f *front) applySplit(g, c0, in int32) {
	out := f.lnext[in]
	f.link(f.lprev[g], c0+1)
	f.link(c0+1, out)
	f.link(c0+2, f.lnext[g])
	f.link(in, c0+2)
	f.stack = append(f.stack, c0+1, c0+2)
}

// applyFree finishes an S triangle whose tip is given explicitly: its two
// open edges take g's place on the loop.
func (f *front) applyFree(g, c0 int32) {
	f.applyC(g, c0)
	f.stack = append(f.stack[:len(f.stack)-1], c0+1, c0+2)
}

// splitOK reports whether in, found on g's loop, can split it: neither g
// nor one of its neighbours, nor followed by g's left neighbour.
func (f *front) splitOK(g, in int32) bool {
	p, n := f.lprev[g], f.lnext[g]
	return in != g && in != p && in != n && f.lnext[in] != p && f.opp[in] == open
}

// walk returns the open corner steps after from along the loop (forward) or
// before it (backward), spending budget; ok is false when the budget runs
// out.
func (f *front) walk(from int32, steps uint64, forward bool) (int32, bool) {
	if steps > uint64(f.budget) {
		f.budget = 0
		return 0, false
	}
	f.budget -= int(steps)
	k := from
	for ; steps > 0; steps-- {
		if forward {
			k = f.lnext[k]
		} else {
			k = f.lprev[k]
		}
	}
	return k, true
}
