package meshio

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"testing"

	"cloudme.dev/proto/mesh"
)

// writeTestMesh is a coloured tetrahedron.
func writeTestMesh(colours bool) *mesh.Mesh {
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1.5},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	if colours {
		m.Colors = []uint8{0, 0, 0, 255, 0, 0, 10, 128, 200, 255, 255, 255}
	}
	return m
}

func TestWriteGLBRoundTrip(t *testing.T) {
	t.Parallel()
	for _, colours := range []bool{false, true} {
		m := writeTestMesh(colours)
		var buf bytes.Buffer
		if err := WriteGLB(&buf, m); err != nil {
			t.Fatal(err)
		}
		if buf.Len()%4 != 0 {
			t.Errorf("colours=%v: file length %d not a multiple of 4", colours, buf.Len())
		}
		got, err := ReadGLB(&buf)
		if err != nil {
			t.Fatalf("colours=%v: read back: %v", colours, err)
		}
		if len(got.Positions) != len(m.Positions) || len(got.Indices) != len(m.Indices) {
			t.Fatalf("colours=%v: %d positions %d indices, want %d %d", colours, len(got.Positions), len(got.Indices), len(m.Positions), len(m.Indices))
		}
		for i := range m.Positions {
			if got.Positions[i] != m.Positions[i] {
				t.Fatalf("position %d: %g, want %g", i, got.Positions[i], m.Positions[i])
			}
		}
		for i := range m.Indices {
			if got.Indices[i] != m.Indices[i] {
				t.Fatalf("index %d: %d, want %d", i, got.Indices[i], m.Indices[i])
			}
		}
		if got.HasColors() != colours {
			t.Fatalf("colours=%v: read back HasColors %v", colours, got.HasColors())
		}
		for i := range m.Colors {
			if d := int(got.Colors[i]) - int(m.Colors[i]); d < -1 || d > 1 {
				t.Fatalf("colour %d: %d, want %d", i, got.Colors[i], m.Colors[i])
			}
		}
	}
}

func TestWriteGLBFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "m.glb")
	if err := WriteGLBFile(path, writeTestMesh(true)); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.TriangleCount() != 4 {
		t.Fatalf("%d triangles", got.TriangleCount())
	}
	if err := WriteGLBFile(filepath.Join(t.TempDir(), "no", "such", "dir.glb"), writeTestMesh(false)); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

func TestWriteGLBRejectsInvalid(t *testing.T) {
	t.Parallel()
	nan := float32(math.NaN())
	tests := []struct {
		name string
		m    *mesh.Mesh
	}{
		{"nil", nil},
		{"index out of range", &mesh.Mesh{Positions: []float32{0, 0, 0}, Indices: []uint32{0, 0, 1}}},
		{"NaN position", &mesh.Mesh{Positions: []float32{nan, 0, 0}, Indices: []uint32{0, 0, 0}}},
		{"colour count", &mesh.Mesh{Positions: []float32{0, 0, 0}, Colors: []uint8{1}}},
	}
	for _, tc := range tests {
		if err := WriteGLB(&bytes.Buffer{}, tc.m); !errors.Is(err, ErrInvalidMesh) {
			t.Errorf("%s: got %v, want ErrInvalidMesh", tc.name, err)
		}
	}
}

func TestSRGBToLinear(t *testing.T) {
	t.Parallel()
	for _, x := range []float64{0, 0.01, 0.04045, 0.2, 0.5, 0.9, 1} {
		if got := linearToSRGB(srgbToLinear(x)); math.Abs(got-x) > 1e-6 {
			t.Errorf("linearToSRGB(srgbToLinear(%g)) = %g", x, got)
		}
	}
}
