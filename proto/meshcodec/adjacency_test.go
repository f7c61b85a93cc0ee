package meshcodec

import "testing"

func TestAdjacency(t *testing.T) {
	t.Parallel()
	closed := tetrahedron()
	nonManifold := tetrahedron()
	nonManifold.Positions = append(nonManifold.Positions, 0.5, -1, 0.5)
	nonManifold.Indices = append(nonManifold.Indices, 0, 4, 1) // a third triangle on edge 0-1
	// A disk of fanTris triangles around vertex 0: its spokes pair, its
	// rim does not. Vertex 0 files every spoke, one bucket of 2*fanTris.
	const fanTris = 20000
	var fan []uint32
	for i := uint32(0); i < fanTris; i++ {
		fan = append(fan, 0, 1+i, 1+(i+1)%fanTris)
	}
	cases := []struct {
		name     string
		idx      []uint32
		nv       int
		unpaired int
	}{
		{"closed tetrahedron", closed.Indices, 4, 0},
		{"non-manifold edge", nonManifold.Indices, 5, 2 + 3},
		{"degenerate", []uint32{0, 0, 1, 0, 1, 2}, 3, 6},
		{"open fan", []uint32{0, 1, 2, 0, 2, 3}, 4, 4},
		{"large fan", fan, fanTris + 1, fanTris},
		{"same triangle twice", []uint32{0, 1, 2, 0, 1, 2}, 3, 6},
		{"triangle and its flip", []uint32{0, 1, 2, 0, 2, 1}, 3, 0},
		// Edge 0-1 has three sides: the first two, one each way, pair
		// before the third is met, and then none of them may.
		{"third side after a pair", []uint32{0, 1, 2, 1, 0, 3, 0, 1, 4}, 5, 3 + 6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var ad adjacency
			ad.build(tc.idx, tc.nv)
			unpaired := 0
			for c, o := range ad.opp {
				if o < 0 {
					unpaired++
					continue
				}
				if ad.opp[o] != int32(c) {
					t.Fatalf("opp not symmetric at corner %d", c)
				}
				from, to := tc.idx[next(int32(c))], tc.idx[prev(int32(c))]
				if tc.idx[next(o)] != to || tc.idx[prev(o)] != from {
					t.Fatalf("corner %d paired with a corner of another edge", c)
				}
			}
			if unpaired != tc.unpaired {
				t.Fatalf("%d unpaired corners, want %d", unpaired, tc.unpaired)
			}
		})
	}
}
