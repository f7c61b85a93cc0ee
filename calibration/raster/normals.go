package raster

import (
	"math"

	"cloudme.dev/proto/mesh"
)

// VertexNormals returns unit vertex normals of m (3 per vertex, pointing
// outwards for counter-clockwise triangles), each the area-weighted mean of
// the normals of the triangles around the vertex. A vertex used by no
// triangle, or whose triangles cancel, gets (0, 0, 0). dst is reused when it
// is large enough. The mesh must be valid (mesh.Validate).
func VertexNormals(m *mesh.Mesh, dst []float32) []float32 {
	n := 3 * m.VertexCount()
	if cap(dst) < n {
		dst = make([]float32, n)
	}
	dst = dst[:n]
	clear(dst)
	p := m.Positions
	for t := 0; t+2 < len(m.Indices); t += 3 {
		a, b, c := 3*int(m.Indices[t]), 3*int(m.Indices[t+1]), 3*int(m.Indices[t+2])
		ux, uy, uz := p[b]-p[a], p[b+1]-p[a+1], p[b+2]-p[a+2]
		vx, vy, vz := p[c]-p[a], p[c+1]-p[a+1], p[c+2]-p[a+2]
		// The cross product's length is twice the area: area weighting.
		nx, ny, nz := uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx
		for _, i := range [3]int{a, b, c} {
			dst[i] += nx
			dst[i+1] += ny
			dst[i+2] += nz
		}
	}
	for i := 0; i+2 < n; i += 3 {
		x, y, z := float64(dst[i]), float64(dst[i+1]), float64(dst[i+2])
		l := math.Sqrt(x*x + y*y + z*z)
		if l == 0 || math.IsInf(l, 0) || math.IsNaN(l) {
			dst[i], dst[i+1], dst[i+2] = 0, 0, 0
			continue
		}
		dst[i], dst[i+1], dst[i+2] = float32(x/l), float32(y/l), float32(z/l)
	}
	return dst
}
