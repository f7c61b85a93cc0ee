package meshcodec

import (
	"fmt"

	"cloudme.dev/proto/mesh"
)

// checkMesh returns the bounds of m (as mesh.Mesh.Bounds) after checking
// what mesh.Mesh.Validate checks, in one pass over the positions and one
// over the indices; on a failure it returns Validate's error.
func checkMesh(m *mesh.Mesh) (lo, hi [3]float32, err error) {
	if !shapeOK(m) {
		return lo, hi, validateErr(m)
	}
	var c meshScan
	c.scan(m, 0, m.VertexCount(), 0, len(m.Indices))
	return c.result(m)
}

// shapeOK reports whether m's slices have whole vertices and triangles and
// one colour per vertex or none.
func shapeOK(m *mesh.Mesh) bool {
	nv := len(m.Positions) / 3
	return len(m.Positions)%3 == 0 && len(m.Indices)%3 == 0 && (len(m.Colors) == 0 || len(m.Colors) == 3*nv)
}

// validateErr returns Validate's error for a mesh that checkMesh refuses.
func validateErr(m *mesh.Mesh) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return fmt.Errorf("%w: mesh check disagrees with Validate", mesh.ErrInvalid)
}

// meshScan is checkMesh's pass over some of the vertices and indices: their
// bounds, whether a coordinate is not finite, and the largest index.
type meshScan struct {
	lo, hi [3]float32
	nan    float32 // NaN when a coordinate is not finite
	top    uint32
	verts  bool // whether lo and hi hold a vertex
}

// scan scans the vertices from v0 to v1-1 and the indices from i0 to i1-1
// of m.
func (c *meshScan) scan(m *mesh.Mesh, v0, v1, i0, i1 int) {
	*c = meshScan{}
	if v1 > v0 {
		pos := m.Positions[3*v0 : 3*v1]
		lo := [3]float32{pos[0], pos[1], pos[2]}
		hi := lo
		// v*0 is 0 for finite v and NaN otherwise, so one NaN in the sum
		// finds any non-finite coordinate.
		var nan float32
		for i := 0; i < v1-v0; i++ {
			p := pos[3*i : 3*i+3 : 3*i+3]
			x, y, z := p[0], p[1], p[2]
			nan += x*0 + y*0 + z*0
			// Comparisons, not min and max, to keep Bounds' zero signs.
			if x < lo[0] {
				lo[0] = x
			}
			if x > hi[0] {
				hi[0] = x
			}
			if y < lo[1] {
				lo[1] = y
			}
			if y > hi[1] {
				hi[1] = y
			}
			if z < lo[2] {
				lo[2] = z
			}
			if z > hi[2] {
				hi[2] = z
			}
		}
		c.lo, c.hi, c.nan, c.verts = lo, hi, nan, true
	}
	var top uint32
	for _, ix := range m.Indices[i0:i1] {
		top = max(top, ix)
	}
	c.top = top
}

// result is checkMesh's answer for the scan of all of m.
func (c *meshScan) result(m *mesh.Mesh) (lo, hi [3]float32, err error) {
	if c.nan != 0 || (len(m.Indices) > 0 && int(c.top) >= m.VertexCount()) {
		return c.lo, c.hi, validateErr(m)
	}
	return c.lo, c.hi, nil
}
