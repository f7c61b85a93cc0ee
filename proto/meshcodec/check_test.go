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
		{"infinity", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, inf, 0}}},
		{"minus infinity", &mesh.Mesh{Positions: []float32{0, 0, -inf}}},
		{"NaN", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 1, nan}}},
		{"index out of range", &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0, 1}}},
		{"indices without vertices", &mesh.Mesh{Indices: []uint32{0, 0, 0}}},
		{"partial vertex", &mesh.Mesh{Positions: []float32{0, 0}}},
		{"partial triangle", &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0}}},
		{"short colours", &mesh.Mesh{Positions: []float32{0, 0, 0}, Colors: []uint8{1}}},
	}
	for _, tc := range cases {
		lo, hi, err := checkMesh(tc.m)
		want := tc.m.Validate()
		if (err == nil) != (want == nil) || (err != nil && !errors.Is(err, mesh.ErrInvalid)) {
			t.Errorf("%s: got %v, Validate says %v", tc.name, err, want)
			continue
		}
		if err != nil {
			continue
		}
		wlo, whi := tc.m.Bounds()
		for a := range 3 {
			if math.Float32bits(lo[a]) != math.Float32bits(wlo[a]) || math.Float32bits(hi[a]) != math.Float32bits(whi[a]) {
				t.Errorf("%s: bounds %v %v, Bounds says %v %v", tc.name, lo, hi, wlo, whi)
			}
		}
	}
}
