package mesh

import (
	"errors"
	"fmt"
	"math"
)

// Mesh is an indexed triangle mesh with optional per-vertex colour.
type Mesh struct {
	// Positions holds x, y, z per vertex, in metres.
	Positions []float32
	// Colors holds r, g, b per vertex (sRGB, 0-255), or is empty.
	Colors []uint8
	// Indices holds three vertex indices per triangle, counter-clockwise
	// seen from outside.
	Indices []uint32
}

// ErrInvalid is wrapped by every error that Validate returns.
var ErrInvalid = errors.New("invalid mesh")

// VertexCount returns the number of vertices.
func (m *Mesh) VertexCount() int { return len(m.Positions) / 3 }

// TriangleCount returns the number of triangles.
func (m *Mesh) TriangleCount() int { return len(m.Indices) / 3 }

// HasColors reports whether the mesh carries one colour per vertex.
func (m *Mesh) HasColors() bool { return len(m.Colors) > 0 }

// Bounds returns the smallest axis-aligned box holding every vertex. An empty
// mesh has an empty box at the origin.
func (m *Mesh) Bounds() (lo, hi [3]float32) {
	if len(m.Positions) < 3 {
		return lo, hi
	}
	for a := 0; a < 3; a++ {
		lo[a], hi[a] = m.Positions[a], m.Positions[a]
	}
	for i := 3; i+2 < len(m.Positions); i += 3 {
		for a := 0; a < 3; a++ {
			v := m.Positions[i+a]
			if v < lo[a] {
				lo[a] = v
			}
			if v > hi[a] {
				hi[a] = v
			}
		}
	}
	return lo, hi
}

// Validate checks that the arrays agree with each other: whole vertices and
// triangles, one colour per vertex when colours are present, indices in
// range and finite positions.
func (m *Mesh) Validate() error {
	if len(m.Positions)%3 != 0 {
		return fmt.Errorf("%w: %d position values is not a whole number of vertices", ErrInvalid, len(m.Positions))
	}
	if len(m.Indices)%3 != 0 {
		return fmt.Errorf("%w: %d indices is not a whole number of triangles", ErrInvalid, len(m.Indices))
	}
	n := m.VertexCount()
	if len(m.Colors) != 0 && len(m.Colors) != 3*n {
		return fmt.Errorf("%w: %d colour values for %d vertices", ErrInvalid, len(m.Colors), n)
	}
	for i, v := range m.Positions {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%w: vertex %d has a non-finite coordinate", ErrInvalid, i/3)
		}
	}
	for i, ix := range m.Indices {
		if int(ix) >= n {
			return fmt.Errorf("%w: triangle %d refers to vertex %d of %d", ErrInvalid, i/3, ix, n)
		}
	}
	return nil
}

// Clone returns a deep copy.
func (m *Mesh) Clone() *Mesh {
	return &Mesh{
		Positions: append([]float32(nil), m.Positions...),
		Colors:    append([]uint8(nil), m.Colors...),
		Indices:   append([]uint32(nil), m.Indices...),
	}
}
