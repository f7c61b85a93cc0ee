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
	// The encoder's check with two goroutines (the second scans the
	// second half of the vertices and indices) must agree too.
	enc, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	enc.partMin, enc.splitMin = 0, 0
	checks := map[string]func(m *mesh.Mesh) ([3]float32, [3]float32, error){"checkMesh": checkMesh, "Encoder.check": enc.check}
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
