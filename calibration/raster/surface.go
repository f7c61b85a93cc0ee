package raster

import (
	"fmt"

	"cloudme.dev/proto/mesh"
)

// Surface is one mesh to draw, in world coordinates (metres).
type Surface struct {
	// Mesh holds the triangles, counter-clockwise seen from outside.
	// Vertex colours are used when present, white otherwise.
	Mesh *mesh.Mesh
	// UV holds optional texture coordinates, 2 per vertex (see Texture).
	UV []float32
	// Texture is optional; it needs UV. Its colour multiplies the vertex
	// colour.
	Texture *Texture
	// Normals holds optional unit vertex normals, 3 per vertex, in the world
	// frame. They are used only when Options.Light is set; when they are
	// absent Render computes them from the mesh (VertexNormals) on every
	// call, so callers drawing one mesh from many cameras should compute
	// them once and pass them here.
	Normals []float32
	// NoMask draws the surface into Color and Depth but not into Mask
	// (backgrounds: walls, floor).
	NoMask bool
}

// check validates the surface.
func (s *Surface) check() error {
	m := s.Mesh
	if m == nil {
		return fmt.Errorf("%w: nil mesh", ErrSurface)
	}
	// A cheaper check than mesh.Validate, which also scans every position
	// for NaN: non-finite vertices are safe here (their triangles are
	// dropped), only the array shapes and index ranges matter.
	n := m.VertexCount()
	switch {
	case len(m.Positions)%3 != 0:
		return fmt.Errorf("%w: %d position values is not a whole number of vertices", ErrSurface, len(m.Positions))
	case len(m.Indices)%3 != 0:
		return fmt.Errorf("%w: %d indices is not a whole number of triangles", ErrSurface, len(m.Indices))
	case len(m.Indices) == 0:
		return fmt.Errorf("%w: mesh has no triangles", ErrSurface)
	case len(m.Colors) != 0 && len(m.Colors) != 3*n:
		return fmt.Errorf("%w: %d colour values for %d vertices", ErrSurface, len(m.Colors), n)
	}
	var top uint32
	for _, i := range m.Indices {
		top = max(top, i)
	}
	if int64(top) >= int64(n) {
		return fmt.Errorf("%w: index %d out of range for %d vertices", ErrSurface, top, n)
	}
	if len(s.UV) != 0 && len(s.UV) != 2*n {
		return fmt.Errorf("%w: %d UV values for %d vertices", ErrSurface, len(s.UV), n)
	}
	if s.Texture != nil {
		if len(s.UV) == 0 {
			return fmt.Errorf("%w: texture without UV", ErrSurface)
		}
		if err := s.Texture.check(); err != nil {
			return fmt.Errorf("%w: %v", ErrSurface, err)
		}
	}
	if len(s.Normals) != 0 && len(s.Normals) != 3*n {
		return fmt.Errorf("%w: %d normal values for %d vertices", ErrSurface, len(s.Normals), n)
	}
	return nil
}
