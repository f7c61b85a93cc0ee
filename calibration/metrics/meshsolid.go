package metrics

import (
	"fmt"
	"math"

	"cloudme.dev/proto/mesh"
)

// MeshSolid returns the solid bounded by a closed triangle mesh. A point is
// inside when a ray from it along +x crosses the mesh an odd number of
// times. Triangles are indexed by a uniform grid over their projection on
// the y-z plane, so a query looks only at the triangles of one cell.
// Crossings exactly through an edge or a vertex are counted once, by the
// top-left rule applied in the y-z plane. The mesh must be closed for the
// answer to mean anything; it fails, wrapping ErrMesh, when the mesh is nil,
// malformed or has no triangles.
func MeshSolid(m *mesh.Mesh) (Solid, error) {
	if m == nil {
		return nil, fmt.Errorf("mesh solid: %w: nil mesh", ErrMesh)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("mesh solid: %w: %w", ErrMesh, err)
	}
	if m.TriangleCount() == 0 {
		return nil, fmt.Errorf("mesh solid: %w: no triangles", ErrMesh)
	}
	s := &meshSolid{}
	lo32, hi32 := m.Bounds()
	for k := 0; k < 3; k++ {
		s.lo[k], s.hi[k] = float64(lo32[k]), float64(hi32[k])
	}
	p := m.Positions
	for t := 0; t < m.TriangleCount(); t++ {
		var v [3][3]float64
		for k := 0; k < 3; k++ {
			i := 3 * int(m.Indices[3*t+k])
			v[k] = [3]float64{float64(p[i]), float64(p[i+1]), float64(p[i+2])}
		}
		if rt, ok := newRayTri(v); ok {
			s.tris = append(s.tris, rt)
		}
	}
	s.grid = newYZGrid(s.lo, s.hi, s.tris)
	return s, nil
}

// meshSolid is the Solid of a closed mesh.
type meshSolid struct {
	lo, hi [3]float64
	tris   []rayTri
	grid   yzGrid
}

// Contains reports whether p is inside the mesh.
func (s *meshSolid) Contains(p [3]float64) bool {
	for k := 0; k < 3; k++ {
		if !(p[k] >= s.lo[k] && p[k] <= s.hi[k]) {
			return false
		}
	}
	odd := false
	for _, t := range s.grid.cell(p[1], p[2]) {
		if s.tris[t].crosses(p) {
			odd = !odd
		}
	}
	return odd
}

// rayTri is a triangle prepared for +x ray tests: its projection on the y-z
// plane, ordered to have positive area, and its plane as x(y, z).
type rayTri struct {
	y, z    [3]float64
	a, b, c float64 // x = a + b y + c z
}

// newRayTri prepares v; ok is false when the triangle is parallel to the
// x axis (no ray along x crosses it).
func newRayTri(v [3][3]float64) (rayTri, bool) {
	d1y, d1z := v[1][1]-v[0][1], v[1][2]-v[0][2]
	d2y, d2z := v[2][1]-v[0][1], v[2][2]-v[0][2]
	area := d1y*d2z - d2y*d1z
	if area == 0 || math.IsNaN(area) || math.IsInf(area, 0) {
		return rayTri{}, false
	}
	dx1, dx2 := v[1][0]-v[0][0], v[2][0]-v[0][0]
	b := (dx1*d2z - dx2*d1z) / area
	c := (dx2*d1y - dx1*d2y) / area
	t := rayTri{a: v[0][0] - b*v[0][1] - c*v[0][2], b: b, c: c}
	order := [3]int{0, 1, 2}
	if area < 0 {
		order = [3]int{0, 2, 1}
	}
	for k, i := range order {
		t.y[k], t.z[k] = v[i][1], v[i][2]
	}
	return t, true
}

// crosses reports whether the ray from p along +x crosses the triangle.
func (t *rayTri) crosses(p [3]float64) bool {
	for k := 0; k < 3; k++ {
		j := (k + 1) % 3
		dy, dz := t.y[j]-t.y[k], t.z[j]-t.z[k]
		e := dy*(p[2]-t.z[k]) - dz*(p[1]-t.y[k])
		if e < 0 || (e == 0 && !(dz < 0 || (dz == 0 && dy > 0))) {
			return false
		}
	}
	return t.a+t.b*p[1]+t.c*p[2] > p[0]
}
