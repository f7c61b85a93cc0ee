package engine

import (
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

func TestVertexNormalsPointOutwards(t *testing.T) {
	t.Parallel()
	// A tetrahedron, counter-clockwise from outside, around its centroid.
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	for _, workers := range []int{1, 3} {
		e := &cpu{cfg: Config{Workers: workers}}
		n := e.vertexNormals(m)
		c := [3]float32{0.25, 0.25, 0.25}
		for v := 0; v < 4; v++ {
			out := [3]float32{m.Positions[3*v] - c[0], m.Positions[3*v+1] - c[1], m.Positions[3*v+2] - c[2]}
			dot := n[3*v]*out[0] + n[3*v+1]*out[1] + n[3*v+2]*out[2]
			l := math.Sqrt(float64(n[3*v]*n[3*v] + n[3*v+1]*n[3*v+1] + n[3*v+2]*n[3*v+2]))
			if dot <= 0 || math.Abs(l-1) > 1e-5 {
				t.Fatalf("workers %d vertex %d: normal %v (length %g) does not point out", workers, v, n[3*v:3*v+3], l)
			}
		}
	}
}

func TestGrowHelpersReuse(t *testing.T) {
	t.Parallel()
	a := make([]float32, 10)
	if b := grow(a, 5); &b[0] != &a[0] || len(b) != 5 {
		t.Fatal("grow did not reuse the capacity")
	}
	if b := growU32(nil, 4); len(b) != 4 {
		t.Fatal("growU32")
	}
	if b := growU8(make([]uint8, 2), 6); len(b) != 6 {
		t.Fatal("growU8")
	}
}
