package meshcodec

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"cloudme.dev/proto/mesh"
)

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
			var ad, split adjacency
			ad.build(tc.idx, tc.nv, false)
			split.build(tc.idx, tc.nv, true)
			if !slices.Equal(ad.opp, split.opp) {
				t.Fatalf("pairing in two halves gives %v, in one %v", split.opp, ad.opp)
			}
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

// TestSplitSameBytes checks that the encoder's two-goroutine path (quantize
// beside the adjacency, buckets paired in two halves) gives the same stream
// as the one-goroutine path, on meshes with borders, several components
// and shuffled vertices.
func TestSplitSameBytes(t *testing.T) {
	t.Parallel()
	m := shuffled(union(sphere(0, 1, 0, 0.3, 40, 80, 0.002, 1), sphere(1, 1, 0, 0.2, 20, 30, 0.002, 2), cube()), 5)
	open := *m
	open.Indices = m.Indices[:len(m.Indices)-3*500] // leave holes
	for _, partMin := range []int{defaultPartMin, 0} {
		for _, mm := range []*mesh.Mesh{m, &open} {
			var out [2][]byte
			for i, splitMin := range []int{math.MaxInt, 0} {
				enc, err := NewEncoder(Options{})
				if err != nil {
					t.Fatal(err)
				}
				enc.splitMin, enc.partMin = splitMin, partMin
				if out[i], err = enc.Encode(nil, mm); err != nil {
					t.Fatal(err)
				}
			}
			want := byte(2) // the meshes are below defaultPartMin
			if partMin == defaultPartMin {
				want = 1
			}
			if out[0][headerSize] != want {
				t.Fatalf("%d parts, want %d", out[0][headerSize], want)
			}
			if !bytes.Equal(out[0], out[1]) {
				t.Fatalf("part min %d: %d bytes with one goroutine, %d (different) with two", partMin, len(out[0]), len(out[1]))
			}
		}
	}
}

// TestEncodeSplitAllocations checks that the second goroutine is started
// without allocating.
func TestEncodeSplitAllocations(t *testing.T) {
	m := sphere(0, 1, 0, 0.3, 30, 40, 0.01, 1)
	enc, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, partMin := range []int{defaultPartMin, 0} {
		enc.splitMin, enc.partMin = 0, partMin
		data, err := enc.Encode(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(5, func() { data, _ = enc.Encode(data[:0], m) }); n > 0 {
			t.Fatalf("Encode with two goroutines (part minimum %d) allocates %v times per call in steady state", partMin, n)
		}
	}
}
