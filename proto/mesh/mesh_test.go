package mesh

import (
	"errors"
	"math"
	"testing"
)

func tetra() *Mesh {
	return &Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Colors:    []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
}

func TestBoundsAndCounts(t *testing.T) {
	m := tetra()
	lo, hi := m.Bounds()
	if lo != [3]float32{0, 0, 0} || hi != [3]float32{1, 1, 1} {
		t.Fatalf("bounds %v %v", lo, hi)
	}
	if m.VertexCount() != 4 || m.TriangleCount() != 4 || !m.HasColors() {
		t.Fatalf("counts %d %d", m.VertexCount(), m.TriangleCount())
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	c := m.Clone()
	c.Positions[0] = 5
	if m.Positions[0] != 0 {
		t.Fatal("clone shares memory")
	}
}

func TestValidateRejects(t *testing.T) {
	cases := map[string]func(*Mesh){
		"partial vertex":   func(m *Mesh) { m.Positions = m.Positions[:10] },
		"partial triangle": func(m *Mesh) { m.Indices = m.Indices[:11] },
		"colour count":     func(m *Mesh) { m.Colors = m.Colors[:9] },
		"index range":      func(m *Mesh) { m.Indices[5] = 4 },
		"nan":              func(m *Mesh) { m.Positions[4] = float32(math.NaN()) },
		"inf":              func(m *Mesh) { m.Positions[4] = float32(math.Inf(1)) },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			m := tetra()
			spoil(m)
			if err := m.Validate(); !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v", err)
			}
		})
	}
}
