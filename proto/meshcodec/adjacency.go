package meshcodec

// adjacency is the encoder's corner table of the input mesh: opp[c] is the
// corner across the edge opposite c, or -1 where that edge is a border,
// non-manifold (not exactly one triangle on each side, with opposite
// orientations) or belongs to a degenerate triangle.
type adjacency struct {
	first  []int32  // per vertex, start of its outgoing edges in out
	out    []int32  // corners whose opposite edge leaves that vertex
	outTo  []uint32 // where that edge goes; noVertex for degenerate triangles
	cursor []int32
	opp    []int32
}

const noVertex = ^uint32(0)

func (ad *adjacency) build(idx []uint32, nv int) {
	nc := len(idx)
	ad.first = grow(ad.first, nv+1)
	clear(ad.first)
	ad.out = grow(ad.out, nc)
	ad.outTo = grow(ad.outTo, nc)
	ad.opp = grow(ad.opp, nc)
	// The edge opposite corner c leaves vertex idx[next(c)].
	for _, v := range idx {
		ad.first[v+1]++
	}
	for v := 0; v < nv; v++ {
		ad.first[v+1] += ad.first[v]
	}
	ad.cursor = grow(ad.cursor, nv)
	copy(ad.cursor, ad.first[:nv])
	for t := 0; t < nc; t += 3 {
		i0, i1, i2 := idx[t], idx[t+1], idx[t+2]
		degenerate := i0 == i1 || i1 == i2 || i0 == i2
		for k, e := range [3][2]uint32{{i1, i2}, {i2, i0}, {i0, i1}} {
			j := ad.cursor[e[0]]
			ad.cursor[e[0]]++
			ad.out[j] = int32(t + k)
			ad.outTo[j] = e[1]
			if degenerate {
				ad.outTo[j] = noVertex
			}
		}
	}
	for c := range ad.opp {
		ad.opp[c] = -1
	}
	for v := uint32(0); v < uint32(nv); v++ {
		lo, hi := ad.first[v], ad.first[v+1]
		for i := lo; i < hi; i++ {
			w := ad.outTo[i]
			if w <= v || w == noVertex {
				continue // each pair once, from its smaller vertex
			}
			same := 0
			for j := lo; j < hi; j++ {
				if ad.outTo[j] == w {
					same++
				}
			}
			if same != 1 {
				continue
			}
			twin, count := int32(-1), 0
			for j := ad.first[w]; j < ad.first[w+1]; j++ {
				if ad.outTo[j] == v {
					twin = ad.out[j]
					count++
				}
			}
			if count != 1 {
				continue
			}
			c := ad.out[i]
			ad.opp[c], ad.opp[twin] = twin, c
		}
	}
}
