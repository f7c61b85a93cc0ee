package metrics

import (
	"errors"
	"math/rand"
	"testing"

	"cloudme.dev/proto/mesh"
)

func TestMeshSolidMatchesAnalytic(t *testing.T) {
	t.Parallel()
	lo, hi := [3]float64{-0.7, 0.3, -0.7}, [3]float64{0.7, 1.7, 0.7}
	tests := []struct {
		name   string
		mesh   *mesh.Mesh
		truth  Solid
		cell   float64
		minIoU float64
	}{
		{"tessellated sphere", uvSphere([3]float64{0, 1, 0}, 0.6, 48, 96), Sphere{C: [3]float64{0, 1, 0}, R: 0.6}, 0.01, 0.99},
		// Cell centres line up with the box's vertices and edges in y and
		// z, which exercises the edge and vertex tie rules.
		{"box on the grid", boxMesh([3]float64{-0.5, 0.5, -0.5}, [3]float64{0.5, 1.5, 0.5}, 4, 0), Box{Lo: [3]float64{-0.5, 0.5, -0.5}, Hi: [3]float64{0.5, 1.5, 0.5}}, 0.05, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := MeshSolid(tc.mesh)
			if err != nil {
				t.Fatal(err)
			}
			iou, err := VolumeIoU(s, tc.truth, lo, hi, tc.cell)
			if err != nil {
				t.Fatal(err)
			}
			if iou < tc.minIoU {
				t.Fatalf("IoU %.5f, want >= %.5f", iou, tc.minIoU)
			}
		})
	}
}

// TestMeshSolidTies queries points lying exactly on the y-z projections of
// edges and vertices of a box, where a careless parity test counts a
// crossing twice or not at all.
func TestMeshSolidTies(t *testing.T) {
	t.Parallel()
	m := boxMesh([3]float64{0, 0, 0}, [3]float64{1, 1, 1}, 4, 0)
	s, err := MeshSolid(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []float64{0.25, 0.5, 0.75, 0.3} {
		for _, z := range []float64{0.25, 0.5, 0.75, 0.6} {
			for _, x := range []float64{-0.5, 0.1, 0.5, 0.99, 1.5} {
				want := x >= 0 && x <= 1
				if got := s.Contains([3]float64{x, y, z}); got != want {
					t.Fatalf("Contains(%g, %g, %g) = %v, want %v", x, y, z, got, want)
				}
			}
		}
	}
	// And random points against the box itself.
	rng := rand.New(rand.NewSource(3))
	b := Box{Hi: [3]float64{1, 1, 1}}
	for i := 0; i < 20000; i++ {
		p := [3]float64{rng.Float64()*1.4 - 0.2, rng.Float64()*1.4 - 0.2, rng.Float64()*1.4 - 0.2}
		if s.Contains(p) != b.Contains(p) {
			t.Fatalf("Contains(%v) = %v", p, s.Contains(p))
		}
	}
}

func TestMeshSolidErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    *mesh.Mesh
	}{
		{"nil", nil},
		{"empty", &mesh.Mesh{}},
		{"bad index", &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0}, Indices: []uint32{0, 1, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := MeshSolid(tc.m); !errors.Is(err, ErrMesh) {
				t.Fatalf("error %v, want ErrMesh", err)
			}
		})
	}
}
