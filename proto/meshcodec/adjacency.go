package meshcodec

// adjacency is the encoder's corner table of the input mesh: opp[c] is the
// corner across the edge opposite c, or -1 where that edge is a border,
// non-manifold (not exactly one triangle on each side, with opposite
// orientations) or belongs to a degenerate triangle.
type adjacency struct {
	first []int32  // per vertex, start of its edges in edges
	edges []uint64 // edges grouped by their smaller end: see edgeKey
	opp   []int32
	seen  []seenEdge
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
// edge, and matching bucket entries pairwise all cost more instructions.)
func (ad *adjacency) build(idx []uint32, nv int) {
	nc := len(idx)
	first := grow(ad.first, nv+1)
	clear(first)
	opp := grow(ad.opp, nc)
	seen := grow(ad.seen, nv)
	clear(seen)
	ad.first, ad.opp, ad.seen = first, opp, seen
	// Count the edges of non-degenerate triangles under their smaller
	// ends; corner t+i faces the edge from idx[t+(i+1)%3] to idx[t+(i+2)%3].
	for t := 0; t+2 < nc; t += 3 {
		tri := idx[t : t+3 : t+3]
		i0, i1, i2 := tri[0], tri[1], tri[2]
		if i0 == i1 || i1 == i2 || i0 == i2 {
			continue
		}
		first[min(i1, i2)+1]++
		first[min(i2, i0)+1]++
		first[min(i0, i1)+1]++
	}
	for v := 1; v <= nv; v++ {
		first[v] += first[v-1]
	}
	edges := grow(ad.edges, int(first[nv]))
	ad.edges = edges
	// Fill each list, using first[v] as its cursor; afterwards first[v]
	// is where v+1's list starts, shifted back below.
	for t := 0; t+2 < nc; t += 3 {
		tri := idx[t : t+3 : t+3]
		i0, i1, i2 := tri[0], tri[1], tri[2]
		if i0 == i1 || i1 == i2 || i0 == i2 {
			opp[t], opp[t+1], opp[t+2] = -1, -1, -1
			continue
		}
		k := &first[min(i1, i2)]
		edges[*k] = edgeKey(i1, i2, t)
		*k++
		k = &first[min(i2, i0)]
		edges[*k] = edgeKey(i2, i0, t+1)
		*k++
		k = &first[min(i0, i1)]
		edges[*k] = edgeKey(i0, i1, t+2)
		*k++
	}
	copy(first[1:], first[:nv])
	first[0] = 0
	// Pair within each vertex's bucket, stamping seen entries with the
	// vertex plus one: an edge met once is a border, twice one way each
	// pairs, and any other count pairs none of its sides. Every entry's
	// corner gets its opp.
	for v := 0; v < nv; v++ {
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
