package meshcodec

import (
	"errors"
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

// TestCheckMesh compares checkMesh with mesh.Mesh.Validate and Bounds.
func TestCheckMesh(t *testing.T) {
	t.Parallel()
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	negZero := float32(math.Copysign(0, -1))
	cases := []struct {
		name string
		m    *mesh.Mesh
	}{
		{"sphere", sphere(0, 1, 0, 0.3, 8, 9, 0.01, 1)},
		{"empty", &mesh.Mesh{}},
		{"point", &mesh.Mesh{Positions: []float32{1, 2, 3}}},
		{"signed zeros", &mesh.Mesh{Positions: []float32{0, negZero, 0, negZero, 0, negZero}}},
		{"signed zeros in halves", &mesh.Mesh{Positions: []float32{negZero, 0, 1, 0, negZero, 1, 0, negZero, 0, negZero, 0, 0}}},
		{"NaN in the second half", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 1, 1, 2, 2, 2, 1, nan, 1}, Indices: []uint32{0, 1, 2, 1, 2, 3}}},
		{"index out of range in the second half", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, Indices: []uint32{0, 1, 2, 0, 2, 3}}},
		{"infinity", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, inf, 0}}},
		{"minus infinity", &mesh.Mesh{Positions: []float32{0, 0, -inf}}},
		{"NaN", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 1, nan}}},
		{"index out of range", &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0, 1}}},
		{"indices without vertices", &mesh.Mesh{Indices: []uint32{0, 0, 0}}},
		{"partial vertex", &mesh.Mesh{Positions: []float32{0, 0}}},
		{"partial triangle", &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0}}},
		{"short colours", &mesh.Mesh{Positions: []float32{0, 0, 0}, Colors: []uint8{1}}},
	}
	checks := map[string]func(m *mesh.Mesh) ([3]float32, [3]float32, error){"checkMesh": checkMesh}
	for _, tc := range cases {
		for name, check := range checks {
			lo, hi, err := check(tc.m)
			want := tc.m.Validate()
			if (err == nil) != (want == nil) || (err != nil && !errors.Is(err, mesh.ErrInvalid)) {
				t.Errorf("%s, %s: got %v, Validate says %v", name, tc.name, err, want)
				continue
			}
			if err != nil {
				continue
			}
			wlo, whi := tc.m.Bounds()
			for a := range 3 {
				if math.Float32bits(lo[a]) != math.Float32bits(wlo[a]) || math.Float32bits(hi[a]) != math.Float32bits(whi[a]) {
					t.Errorf("%s, %s: bounds %v %v, Bounds says %v %v", name, tc.name, lo, hi, wlo, whi)
				}
			}
		}
	}
}

// TestEncodeChecksIndices checks that an encoder coding two parts, which
// checks the indices as it gathers the parts' triangles, refuses what
// Validate refuses, with one goroutine and with two, wherever the bad
// index is, and then encodes a good mesh again.
func TestEncodeChecksIndices(t *testing.T) {
	t.Parallel()
	good := sphere(0, 1, 0, 0.3, 40, 80, 0.002, 1) // above cutSamples triangles
	nv := uint32(good.VertexCount())
	var cases []*mesh.Mesh
	for _, at := range []int{0, 3*1 + 1, 3*7 + 2, len(good.Indices) - 1} {
		bad := *good
		bad.Indices = append([]uint32(nil), good.Indices...)
		bad.Indices[at] = nv + 5
		cases = append(cases, &bad)
	}
	cases = append(cases, &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, Indices: []uint32{0, 1, 2, 0, 2, 3}})
	for _, splitMin := range []int{math.MaxInt, 0} {
		enc, err := NewEncoder(Options{})
		if err != nil {
			t.Fatal(err)
		}
		enc.partMin, enc.splitMin = 0, splitMin
		for i, m := range cases {
			if _, err := enc.Encode(nil, m); !errors.Is(err, ErrInvalidMesh) || !errors.Is(err, mesh.ErrInvalid) {
				t.Fatalf("split minimum %d, mesh %d: got %v, want an invalid mesh", splitMin, i, err)
			}
		}
		data, err := enc.Encode(nil, good)
		if err != nil {
			t.Fatal(err)
		}
		if data[headerSize] != 2 {
			t.Fatalf("%d parts, want 2", data[headerSize])
		}
		var got mesh.Mesh
		if err := NewDecoder(Limits{}).Decode(data, &got); err != nil || got.TriangleCount() != good.TriangleCount() {
			t.Fatalf("decoding after refusals: %v, %d triangles", err, got.TriangleCount())
		}
	}
}
