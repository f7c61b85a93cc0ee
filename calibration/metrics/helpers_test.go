package metrics

import (
	"math"

	"cloudme.dev/proto/mesh"
)

// uvSphere returns a closed sphere mesh with single pole vertices,
// outward-facing.
func uvSphere(c [3]float64, r float64, stacks, slices int) *mesh.Mesh {
	m := &mesh.Mesh{}
	add := func(p [3]float64) {
		m.Positions = append(m.Positions, float32(c[0]+r*p[0]), float32(c[1]+r*p[1]), float32(c[2]+r*p[2]))
	}
	add([3]float64{0, 1, 0})
	for i := 1; i < stacks; i++ {
		th := math.Pi * float64(i) / float64(stacks)
		for j := 0; j < slices; j++ {
			ph := 2 * math.Pi * float64(j) / float64(slices)
			add([3]float64{math.Sin(th) * math.Cos(ph), math.Cos(th), math.Sin(th) * math.Sin(ph)})
		}
	}
	add([3]float64{0, -1, 0})
	south := uint32(m.VertexCount() - 1)
	at := func(i, j int) uint32 { return uint32(1 + (i-1)*slices + j%slices) }
	for j := 0; j < slices; j++ {
		m.Indices = append(m.Indices, 0, at(1, j+1), at(1, j))
		m.Indices = append(m.Indices, south, at(stacks-1, j), at(stacks-1, j+1))
	}
	for i := 1; i < stacks-1; i++ {
		for j := 0; j < slices; j++ {
			a, b, cc, d := at(i, j), at(i, j+1), at(i+1, j+1), at(i+1, j)
			m.Indices = append(m.Indices, a, b, cc, a, cc, d)
		}
	}
	return m
}

// boxMesh returns the closed box [lo, hi] with each face split into n x n
// cells, outward-facing; bump, when non-zero, raises the centre vertex of
// the top face (n even) by that much.
func boxMesh(lo, hi [3]float64, n int, bump float64) *mesh.Mesh {
	m := &mesh.Mesh{}
	face := func(o, u, v [3]float64, top bool) {
		base := uint32(m.VertexCount())
		for j := 0; j <= n; j++ {
			for i := 0; i <= n; i++ {
				s, t := float64(i)/float64(n), float64(j)/float64(n)
				p := [3]float64{}
				for k := range p {
					p[k] = o[k] + s*u[k] + t*v[k]
				}
				if top && i == n/2 && j == n/2 {
					p[1] += bump
				}
				m.Positions = append(m.Positions, float32(p[0]), float32(p[1]), float32(p[2]))
			}
		}
		for j := 0; j < n; j++ {
			for i := 0; i < n; i++ {
				a := base + uint32(j*(n+1)+i)
				b, c, d := a+1, a+uint32(n+2), a+uint32(n+1)
				m.Indices = append(m.Indices, a, b, c, a, c, d)
			}
		}
	}
	d := [3]float64{hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]}
	ex, ey, ez := [3]float64{d[0], 0, 0}, [3]float64{0, d[1], 0}, [3]float64{0, 0, d[2]}
	face(lo, ey, ex, false)
	face([3]float64{lo[0], lo[1], hi[2]}, ex, ey, false)
	face(lo, ez, ey, false)
	face([3]float64{hi[0], lo[1], lo[2]}, ey, ez, false)
	face(lo, ex, ez, false)
	face([3]float64{lo[0], hi[1], lo[2]}, ez, ex, true)
	return m
}
