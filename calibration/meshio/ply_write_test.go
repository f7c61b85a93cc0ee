package meshio

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"cloudme.dev/proto/mesh"
)

// tetra returns a small closed mesh, coloured or not.
func tetra(colored bool) *mesh.Mesh {
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1.5},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	if colored {
		m.Colors = []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30}
	}
	return m
}

func TestWritePLYRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		m    *mesh.Mesh
	}{
		{"plain", tetra(false)},
		{"colored", tetra(true)},
		{"no faces", &mesh.Mesh{Positions: []float32{1, 2, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := WritePLY(&buf, tc.m); err != nil {
				t.Fatal(err)
			}
			got, err := ReadPLY(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Positions, tc.m.Positions) || !reflect.DeepEqual(got.Colors, tc.m.Colors) {
				t.Errorf("vertices differ: got %v %v want %v %v", got.Positions, got.Colors, tc.m.Positions, tc.m.Colors)
			}
			if len(got.Indices) != len(tc.m.Indices) || (len(got.Indices) > 0 && !reflect.DeepEqual(got.Indices, tc.m.Indices)) {
				t.Errorf("indices differ: got %v want %v", got.Indices, tc.m.Indices)
			}
		})
	}
}

func TestWritePLYRejectsInvalid(t *testing.T) {
	t.Parallel()
	bad := &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0, 5}}
	if err := WritePLY(&bytes.Buffer{}, bad); !errors.Is(err, ErrInvalidMesh) {
		t.Fatalf("got %v, want ErrInvalidMesh", err)
	}
	if err := WritePLY(&bytes.Buffer{}, nil); !errors.Is(err, ErrInvalidMesh) {
		t.Fatalf("nil mesh: got %v, want ErrInvalidMesh", err)
	}
}
