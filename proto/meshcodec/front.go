package meshcodec

// front is the traversal state that the encoder and the decoder share: the
// state of every corner and the active boundary as doubly linked loops of
// open corners (the edge opposite each). Both sides apply the same
// mutations in the same order, so they stay in step.
//
// The two sides number corners differently. The decoder numbers them in
// the order it creates triangles: the triangle attached across a gate gets
// corners c0, c0+1, c0+2. The encoder works on the input's own corners, so
// that it needs no map between the two numberings: the triangle across a
// gate is the input triangle there, with corners oc, next(oc), prev(oc) in
// the roles of c0, c0+1, c0+2. The functions below take those corners as
// arguments and work for either numbering.
type front struct {
	vert   []uint32   // corner -> vertex (decoded ids, or the input's)
	state  []uint8    // corner -> cornerUnset, cornerOpen or cornerClosed
	loop   [][2]int32 // open corner -> previous and next open corner on its loop
	stack  []int32    // gates to cross, depth first: stack[:sp]
	sp     int
	budget int // steps left for walking loops (S references)
}

// Corner states. Only open corners are on a loop.
const (
	cornerUnset  = 0 // not decoded yet (the encoder's input corners)
	cornerOpen   = 1 // on the active boundary, a future gate
	cornerClosed = 2 // joined, or declared to have nothing across
)

// walkBudget bounds the steps of all walks along loops in one mesh, so
// that hostile streams cannot make decoding quadratic. The encoder spends
// the same steps and falls back to an explicit reference once the budget
// is spent, so a valid stream never runs out.
func walkBudget(corners int) int { return 16*corners + 1<<16 }

// reset prepares the front for nc corners over vert; every corner starts
// unset.
func (f *front) reset(vert []uint32, nc int) {
	f.vert = vert
	f.state = grow(f.state, nc)
	clear(f.state)
	f.loop = grow(f.loop, nc)
	// Every triangle pushes at most three corners (see the apply
	// functions and addSeed), so nc entries never overflow.
	f.stack = grow(f.stack, nc)
	f.sp = 0
	f.budget = walkBudget(nc)
}

func (f *front) lprev(k int32) int32 { return f.loop[k][0] }
func (f *front) lnext(k int32) int32 { return f.loop[k][1] }

// start and end are the vertices at the ends of the edge opposite corner k.
func (f *front) start(k int32) uint32 { return f.vert[next(k)] }
func (f *front) end(k int32) uint32   { return f.vert[prev(k)] }

func (f *front) link(a, b int32) { f.loop[a][1], f.loop[b][0] = b, a }

// addSeed opens triangle c0, c0+1, c0+2, which starts a component: a loop
// of its own.
func (f *front) addSeed(c0 int32) {
	f.state[c0], f.state[c0+1], f.state[c0+2] = cornerOpen, cornerOpen, cornerOpen
	// Along the loop: v0->v1 (opposite c0+2), v1->v2 (c0), v2->v0 (c0+1).
	f.link(c0+2, c0)
	f.link(c0, c0+1)
	f.link(c0+1, c0+2)
	f.stack[f.sp], f.stack[f.sp+1], f.stack[f.sp+2] = c0+2, c0+1, c0
	f.sp += 3
}

// attach joins the triangle c0 (tip, b, a) across gate g (edge a->b): c0
// faces g, and c1 (edge a->tip) and c2 (edge tip->b) are open and not yet
// on a loop. The caller has set the new corners' vertices.
func (f *front) attach(g, c0, c1, c2 int32) {
	f.state[g], f.state[c0] = cornerClosed, cornerClosed
	f.state[c1], f.state[c2] = cornerOpen, cornerOpen
}

func (f *front) push(k int32) {
	f.stack[f.sp] = k
	f.sp++
}

func (f *front) join(a, b int32) { f.state[a], f.state[b] = cornerClosed, cornerClosed }

// canL reports whether the left neighbour of g can be joined: a distinct
// open corner before g. Its start is the tip.
func (f *front) canL(g int32) bool {
	p := f.lprev(g)
	return p != g && p != f.lnext(g)
}

func (f *front) canR(g int32) bool {
	n := f.lnext(g)
	return n != g && n != f.lprev(g)
}

// canE reports whether both neighbours can be joined around one tip.
func (f *front) canE(g int32) bool {
	p, n := f.lprev(g), f.lnext(g)
	return p != g && n != g && p != n && f.start(p) == f.end(n)
}

// The apply functions finish the triangle attached across g, whose open
// corners are c1 and c2, and update the loops; g's own loop links are
// still those from before attach.

// Each apply function writes the loop links in one go: the writes of
// linking, in turn, the pairs it names in its comment, with each neighbour
// read where the links before may have changed it.

// applyC links p -> c1 -> c2 -> n, where p and n are g's neighbours (when
// g is alone on its loop, n is read after p -> c1: c1 and c2 close on
// themselves).
func (f *front) applyC(g, c1, c2 int32) {
	loop := f.loop
	p := loop[g][0]
	loop[p][1] = c1
	n := loop[g][1]
	loop[c1] = [2]int32{p, c2}
	loop[c2] = [2]int32{c1, n}
	loop[n][0] = c2
	f.push(c2)
}

// applyL joins c1 to g's left neighbour p and links pp -> c2 -> n; canL
// holds, so pp is not g.
func (f *front) applyL(g, c1, c2 int32) {
	loop := f.loop
	p, n := loop[g][0], loop[g][1]
	f.join(c1, p)
	pp := loop[p][0]
	loop[pp][1] = c2
	loop[c2] = [2]int32{pp, n}
	loop[n][0] = c2
	f.push(c2)
}

// applyR joins c2 to g's right neighbour n and links p -> c1 -> nn; canR
// holds, so p is not n.
func (f *front) applyR(g, c1, c2 int32) {
	loop := f.loop
	p, n := loop[g][0], loop[g][1]
	f.join(c2, n)
	nn := loop[n][1]
	loop[p][1] = c1
	loop[c1] = [2]int32{p, nn}
	loop[nn][0] = c1
	f.push(c1)
}

// applyE joins both neighbours and links pp -> nn around them, unless
// they closed the loop.
func (f *front) applyE(g, c1, c2 int32) {
	p, n := f.lprev(g), f.lnext(g)
	f.join(c1, p)
	f.join(c2, n)
	if pp := f.lprev(p); pp != n {
		f.link(pp, f.lnext(n))
	}
}

// applySplit finishes an S triangle whose tip is the end of the open corner
// in on g's loop: the loop splits in two at the tip, linking p -> c1 ->
// out (in's successor) and in -> c2 -> n.
func (f *front) applySplit(g, c1, c2, in int32) {
	out := f.lnext(in)
	f.link(f.lprev(g), c1)
	f.link(c1, out)
	f.link(c2, f.lnext(g))
	f.link(in, c2)
	f.push(c1)
	f.push(c2)
}

// applyFree finishes an S triangle whose tip is given explicitly: its two
// open edges take g's place on the loop.
func (f *front) applyFree(g, c1, c2 int32) {
	f.applyC(g, c1, c2)
	f.sp--
	f.push(c1)
	f.push(c2)
}

// splitOK reports whether in, found on g's loop, can split it: neither g
// nor one of its neighbours, nor followed by g's left neighbour.
func (f *front) splitOK(g, in int32) bool {
	p, n := f.lprev(g), f.lnext(g)
	return in != g && in != p && in != n && f.lnext(in) != p && f.state[in] == cornerOpen
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
	dir := 0
	if forward {
		dir = 1
	}
	k := from
	for ; steps > 0; steps-- {
		k = f.loop[k][dir]
	}
	return k, true
}
