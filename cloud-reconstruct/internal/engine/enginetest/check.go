package enginetest

import (
	"fmt"

	"cloudme.dev/proto/mesh"
)

// CheckClosed verifies that every directed edge of the mesh appears once
// and its reverse once: the mesh is closed, manifold at edges and
// consistently oriented. It also rejects degenerate index triples.
func CheckClosed(m *mesh.Mesh) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.TriangleCount() == 0 {
		return fmt.Errorf("no triangles")
	}
	directed := make(map[[2]uint32]int, len(m.Indices))
	for t := 0; t < len(m.Indices); t += 3 {
		a, b, c := m.Indices[t], m.Indices[t+1], m.Indices[t+2]
		if a == b || b == c || a == c {
			return fmt.Errorf("triangle %d repeats a vertex: %d %d %d", t/3, a, b, c)
		}
		for _, e := range [3][2]uint32{{a, b}, {b, c}, {c, a}} {
			directed[e]++
		}
	}
	for e, n := range directed {
		if n != 1 {
			return fmt.Errorf("edge %d->%d used %d times in one direction", e[0], e[1], n)
		}
		if directed[[2]uint32{e[1], e[0]}] != 1 {
			return fmt.Errorf("edge %d->%d has no opposite (hole or flipped triangle)", e[0], e[1])
		}
	}
	used := make([]bool, m.VertexCount())
	for _, i := range m.Indices {
		used[i] = true
	}
	for i, u := range used {
		if !u {
			return fmt.Errorf("vertex %d is in no triangle", i)
		}
	}
	return nil
}

// Volume returns the signed volume the mesh encloses (positive for
// outward-facing triangles).
func Volume(m *mesh.Mesh) float64 {
	v := 0.0
	p := m.Positions
	for t := 0; t < len(m.Indices); t += 3 {
		a, b, c := 3*m.Indices[t], 3*m.Indices[t+1], 3*m.Indices[t+2]
		ax, ay, az := float64(p[a]), float64(p[a+1]), float64(p[a+2])
		bx, by, bz := float64(p[b]), float64(p[b+1]), float64(p[b+2])
		cx, cy, cz := float64(p[c]), float64(p[c+1]), float64(p[c+2])
		v += ax*(by*cz-bz*cy) - ay*(bx*cz-bz*cx) + az*(bx*cy-by*cx)
	}
	return v / 6
}
