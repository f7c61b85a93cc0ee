package meshcodec

// adjacency is the encoder's corner table of the input mesh: opp[c] is the
// corner across the edge opposite c, or -1 where that edge is a border,
// non-manifold (not exactly one triangle on each side, with opposite
// orientations) or belongs to a degenerate triangle.
type adjacency struct {
	first []int32  // per vertex, start of its outgoing edges in out
	out   []uint64 // outgoing edges grouped by start: end<<32 | corner
	opp   []int32
}

// noVertex ends the edges of degenerate triangles, so they pair with none.
const noVertex = ^uint32(0)

func halfEdge(to uint32, c int) uint64 { return uint64(to)<<32 | uint64(uint32(c)) }

func (ad *adjacency) build(idx []uint32, nv int) {
	nc := len(idx)
	first := grow(ad.first, nv+1)
	clear(first)
	out := grow(ad.out, nc)
	opp := grow(ad.opp, nc)
	ad.first, ad.out, ad.opp = first, out, opp
	// The edge opposite corner c leaves the vertex of next(c): every corner
	// starts exactly one edge, so the vertex counts are the out-degrees.
	for _, v := range idx {
		first[v+1]++
	}
	for v := 1; v <= nv; v++ {
		first[v] += first[v-1]
	}
	// Fill each vertex's list, using first[v] as its cursor; afterwards
	// first[v] is where v+1's list starts, shifted back below.
	for t := 0; t+2 < nc; t += 3 {
		i0, i1, i2 := idx[t], idx[t+1], idx[t+2]
		e0, e1, e2 := i2, i0, i1
		if i0 == i1 || i1 == i2 || i0 == i2 {
			e0, e1, e2 = noVertex, noVertex, noVertex
		}
		out[first[i1]] = halfEdge(e0, t)
		first[i1]++
		out[first[i2]] = halfEdge(e1, t+1)
		first[i2]++
		out[first[i0]] = halfEdge(e2, t+2)
		first[i0]++
	}
	copy(first[1:], first[:nv])
	first[0] = 0
	for c := range opp {
		opp[c] = -1
	}
	for v := uint32(0); v < uint32(nv); v++ {
		list := out[first[v]:first[v+1]]
		for i, e := range list {
			w := uint32(e >> 32)
			if w <= v || w == noVertex || twice(list, i, w) {
				continue // each pair once, from its smaller vertex
			}
			twin, count := int32(-1), 0
			for _, f := range out[first[w]:first[w+1]] {
				if uint32(f>>32) == v {
					twin = int32(uint32(f))
					count++
				}
			}
			if count != 1 {
				continue
			}
			c := int32(uint32(e))
			opp[c], opp[twin] = twin, c
		}
	}
}

// twice reports whether another edge of list than the i-th also ends at w.
func twice(list []uint64, i int, w uint32) bool {
	for j, f := range list {
		if j != i && uint32(f>>32) == w {
			return true
		}
	}
	return false
}
