package synth

import (
	"errors"
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

// boxMesh is a closed axis-aligned box, triangles facing out.
func boxMesh(lo, hi [3]float32) *mesh.Mesh {
	m := &mesh.Mesh{}
	for i := 0; i < 8; i++ {
		c := [3]float32{lo[0], lo[1], lo[2]}
		if i&1 != 0 {
			c[0] = hi[0]
		}
		if i&2 != 0 {
			c[1] = hi[1]
		}
		if i&4 != 0 {
			c[2] = hi[2]
		}
		m.Positions = append(m.Positions, c[:]...)
	}
	m.Indices = []uint32{0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4, 2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5}
	return m
}

func TestMeshPerson(t *testing.T) {
	t.Parallel()
	// A box in centimetres, off centre: placed at 1.8 m, feet on the floor.
	src := boxMesh([3]float32{100, 50, -20}, [3]float32{140, 230, 10})
	p, err := NewMeshPerson(src, 1.8)
	if err != nil {
		t.Fatal(err)
	}
	f := p.At(3)
	lo, hi := f.Bounds()
	if math.Abs(lo[1]) > 1e-6 || math.Abs(hi[1]-1.8) > 1e-5 || math.Abs(lo[0]+hi[0]) > 1e-5 || math.Abs(lo[2]+hi[2]) > 1e-5 {
		t.Errorf("placed box %v %v", lo, hi)
	}
	if !f.Contains([3]float64{0, 0.9, 0}) || f.Contains([3]float64{0, 1.9, 0}) || f.Contains([3]float64{0.3, 0.9, 0}) {
		t.Error("inside test is wrong")
	}
	if s := f.SurfaceSamples(100, 1); len(s) != 100 {
		t.Errorf("%d samples", len(s))
	}
	if !f.Mesh().HasColors() || len(f.Surfaces()) != 1 {
		t.Error("mesh person lacks colours or surfaces")
	}
	if src.Positions[0] != 100 {
		t.Error("the source mesh was modified")
	}
	for _, tc := range []struct {
		m *mesh.Mesh
		h float64
	}{{nil, 1.8}, {&mesh.Mesh{}, 1.8}, {src, 3}, {src, 0}} {
		if _, err := NewMeshPerson(tc.m, tc.h); !errors.Is(err, ErrParams) {
			t.Errorf("height %g: got %v, want ErrParams", tc.h, err)
		}
	}
}
