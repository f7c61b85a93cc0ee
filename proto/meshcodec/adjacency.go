package meshcodec

import "sync"

// adjacency is the encoder's corner table of the input mesh: opp[c] is the
// corner across the edge opposite c, or -1 where that edge is a border,
// non-manifold (not exactly one triangle on each side, with opposite
// orientations) or belongs to a degenerate triangle.
type adjacency struct {
	first []int32  // per vertex, start of its edges in edges
	edges []uint64 // edges grouped by their smaller end: see edgeKey
	opp   []int32
	seen  [2][]seenEdge // one per pairing goroutine

	// The second goroutine of a split build: it runs helper, made once so
	// that starting it allocates nothing, for the phase in step, and marks
	// done.
	helper func()
	step   int
	done   sync.WaitGroup
	idx    []uint32
	nv     int
	cursor []int32 // the second half's counts, then its fill cursors
	h      int     // the first vertex that the second goroutine pairs
}

// seenEdge is, for the larger end w of an edge being paired in the bucket
// of vertex v, the sides of v-w met so far: stamp is v+1 while they are
// v's, first the position of the first side in edges.
type seenEdge struct {
	stamp, first, count int32
}

// edgeKey is the half-edge opposite corner c, from vertex from to vertex to,
// filed under its smaller end: the larger end in the high half, so that
// sorting a vertex's list puts both sides of an edge together, then the
// corner and whether the edge runs downwards. Corners fit 31 bits (see
// maxCount).
func edgeKey(from, to uint32, c int) uint64 {
	if from > to {
		return uint64(from)<<32 | uint64(c)<<1 | 1
	}
	return uint64(to)<<32 | uint64(c)<<1
}

// build fills opp for the triangles idx over nv vertices, all indices
// below nv. The edges are bucketed by their smaller vertex (a counting
// sort); within a bucket, each side of an edge is looked up by its larger
// vertex in seen, and an edge pairs when its bucket holds exactly two
// sides for it, one each way.
//
// (Measured against this on the 100k-triangle person: sorting each bucket
// and pairing neighbours, scanning each vertex's fan for the twin of each
// edge, and matching bucket entries pairwise all cost more instructions;
// a hash table of the edges, in one pass, costs 17 % fewer instructions
// but takes 20-30 % longer, its table too large for the cache.)
//
// With split, a second goroutine shares the work, with the same result:
// it counts and files the edges of the second half of the triangles,
// behind those of the first half in each bucket, then pairs the buckets
// of the vertices that hold the second half of the edges.
func (ad *adjacency) build(idx []uint32, nv int, split bool) {
	nc := len(idx)
	first := grow(ad.first, nv+1)
	clear(first)
	opp := grow(ad.opp, nc)
	ad.first, ad.opp = first, opp
	if !split {
		// Count under first[v+1], then make first[v] v's start, the
		// fill's cursor, which ends at v+1's start: shift it back.
		countEdges(idx, 0, nc, first[1:])
		for v := 1; v <= nv; v++ {
			first[v] += first[v-1]
		}
		ad.edges = grow(ad.edges, int(first[nv]))
		fillEdges(idx, 0, nc, first, ad.edges, opp)
		copy(first[1:], first[:nv])
		first[0] = 0
		ad.pair(0, 0, nv)
		return
	}
	if ad.helper == nil {
		ad.helper = func() {
			ad.work()
			ad.done.Done()
		}
	}
	mid := 3 * (nc / 6)
	ad.idx, ad.nv = idx, nv
	ad.cursor = grow(ad.cursor, nv)
	ad.start(1)
	countEdges(idx, 0, mid, first[1:])
	ad.done.Wait()
	// Each bucket holds the first half's edges, then the second's: the
	// first half's cursor is the bucket's start, the second's after the
	// first half's count. The second's ends at the next bucket's start.
	cursor, total := ad.cursor, int32(0)
	for v := range nv {
		a, b := first[v+1], cursor[v]
		first[v], cursor[v] = total, total+a
		total += a + b
	}
	first[nv] = total
	ad.edges = grow(ad.edges, int(total))
	ad.start(2)
	fillEdges(idx, 0, mid, first, ad.edges, opp)
	ad.done.Wait()
	copy(first[1:], cursor)
	first[0] = 0
	// The first vertex whose bucket starts at or past half the edges.
	half := total / 2
	h, hi := 0, nv
	for h < hi {
		m := int(uint(h+hi) >> 1)
		if first[m] < half {
			h = m + 1
		} else {
			hi = m
		}
	}
	ad.h = h
	ad.start(3)
	ad.pair(0, 0, h)
	ad.done.Wait()
	ad.idx = nil
}

// start runs step in the second goroutine.
func (ad *adjacency) start(step int) {
	ad.step = step
	ad.done.Add(1)
	go ad.helper()
}

// work is the second goroutine's share of the step.
func (ad *adjacency) work() {
	nc := len(ad.idx)
	mid := 3 * (nc / 6)
	switch ad.step {
	case 1:
		clear(ad.cursor)
		countEdges(ad.idx, mid, nc, ad.cursor)
	case 2:
		fillEdges(ad.idx, mid, nc, ad.cursor, ad.edges, ad.opp)
	case 3:
		ad.pair(1, ad.h, ad.nv)
	}
}

// countEdges adds to count[v] the edges of the non-degenerate triangles
// among corners from to to-1 filed under v; corner t+i faces the edge
// from idx[t+(i+1)%3] to idx[t+(i+2)%3].
func countEdges(idx []uint32, from, to int, count []int32) {
	for t := from; t+2 < to; t += 3 {
		tri := idx[t : t+3 : t+3]
		i0, i1, i2 := tri[0], tri[1], tri[2]
		if i0 == i1 || i1 == i2 || i0 == i2 {
			continue
		}
		count[min(i1, i2)]++
		count[min(i2, i0)]++
		count[min(i0, i1)]++
	}
}

// fillEdges files the edges of the non-degenerate triangles among corners
// from to to-1 at their buckets' cursors, advancing them, and gives the
// corners of the degenerate ones opp -1.
func fillEdges(idx []uint32, from, to int, cursor []int32, edges []uint64, opp []int32) {
	for t := from; t+2 < to; t += 3 {
		tri := idx[t : t+3 : t+3]
		i0, i1, i2 := tri[0], tri[1], tri[2]
		if i0 == i1 || i1 == i2 || i0 == i2 {
			opp[t], opp[t+1], opp[t+2] = -1, -1, -1
			continue
		}
		k := &cursor[min(i1, i2)]
		edges[*k] = edgeKey(i1, i2, t)
		*k++
		k = &cursor[min(i2, i0)]
		edges[*k] = edgeKey(i2, i0, t+1)
		*k++
		k = &cursor[min(i0, i1)]
		edges[*k] = edgeKey(i0, i1, t+2)
		*k++
	}
}

// pair pairs the sides in the buckets of vertices lo to hi-1, using seen
// buffer k.
func (ad *adjacency) pair(k, lo, hi int) {
	nv := len(ad.first) - 1
	seen := grow(ad.seen[k], nv)
	clear(seen[lo:]) // only larger ends are looked up
	ad.seen[k] = seen
	first, edges, opp := ad.first, ad.edges, ad.opp
	// Pair within each vertex's bucket, stamping seen entries with the
	// vertex plus one: an edge met once is a border, twice one way each
	// pairs, and any other count pairs none of its sides. Every entry's
	// corner gets its opp.
	for v := lo; v < hi; v++ {
		stamp := int32(v + 1)
		for i := first[v]; i < first[v+1]; i++ {
			e := edges[i]
			c := int32(uint32(e) >> 1)
			s := &seen[e>>32]
			if s.stamp != stamp {
				*s = seenEdge{stamp: stamp, first: i, count: 1}
				opp[c] = -1
				continue
			}
			s.count++
			f := edges[s.first]
			d := int32(uint32(f) >> 1)
			if s.count == 2 && (f^e)&1 == 1 {
				opp[c], opp[d] = d, c
				continue
			}
			// A third side, or a second the same way: nothing pairs.
			if o := opp[d]; o >= 0 {
				opp[o] = -1
			}
			opp[c], opp[d] = -1, -1
		}
	}
}
