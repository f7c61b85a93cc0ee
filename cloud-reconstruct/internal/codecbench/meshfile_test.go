package codecbench

import (
	"encoding/binary"
	"testing"

	"cloudme.dev/proto/mesh"
)

func TestAppendMeshFile(t *testing.T) {
	t.Parallel()
	m := &mesh.Mesh{Positions: []float32{0, 1, 2, 3, 4, 5, 6, 7, 8}, Colors: []uint8{1, 2, 3, 4, 5, 6, 7, 8, 9}, Indices: []uint32{0, 1, 2}}
	cases := []struct {
		name      string
		m         *mesh.Mesh
		size      int
		colorBits uint32
	}{
		{"with colours", m, 24 + 36 + 12 + 9, 6},
		{"without colours", &mesh.Mesh{Positions: m.Positions, Indices: m.Indices}, 24 + 36 + 12, 0},
	}
	for _, tc := range cases {
		b := AppendMeshFile(nil, tc.m, 11, 6)
		if len(b) != tc.size || string(b[:4]) != "CMBM" {
			t.Fatalf("%s: %d bytes, want %d", tc.name, len(b), tc.size)
		}
		if got := binary.LittleEndian.Uint32(b[20:]); got != tc.colorBits {
			t.Fatalf("%s: colour bits %d, want %d", tc.name, got, tc.colorBits)
		}
		if got := binary.LittleEndian.Uint32(b[24+36+4:]); got != 1 {
			t.Fatalf("%s: second index %d", tc.name, got)
		}
	}
}
