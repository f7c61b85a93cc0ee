package meshcodec

import (
	"math"
	"math/rand/v2"

	"cloudme.dev/proto/mesh"
)

// Procedural test meshes.

func tetrahedron() *mesh.Mesh {
	return &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Colors:    []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
}

func cube() *mesh.Mesh {
	m := &mesh.Mesh{}
	for i := 0; i < 8; i++ {
		m.Positions = append(m.Positions, float32(i&1), float32(i>>1&1), float32(i>>2&1))
		m.Colors = append(m.Colors, uint8(i*30), uint8(255-i*30), 128)
	}
	quads := [][4]uint32{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}}
	for _, q := range quads {
		m.Indices = append(m.Indices, q[0], q[1], q[2], q[0], q[2], q[3])
	}
	return m
}

// sphere returns a UV sphere with rings*segments quads around centre,
// closed at the poles, coloured smoothly, with optional radial noise.
func sphere(cx, cy, cz, r float64, rings, segs int, noise float64, seed uint64) *mesh.Mesh {
	rng := rand.New(rand.NewPCG(seed, 7))
	m := &mesh.Mesh{}
	add := func(theta, phi float64) {
		rr := r * (1 + noise*(rng.Float64()-0.5))
		x, y, z := math.Sin(theta)*math.Cos(phi), math.Cos(theta), math.Sin(theta)*math.Sin(phi)
		m.Positions = append(m.Positions, float32(cx+rr*x), float32(cy+rr*y), float32(cz+rr*z))
		m.Colors = append(m.Colors, uint8(128+100*x), uint8(128+100*y), uint8(128+100*z))
	}
	add(0, 0) // north pole
	for i := 1; i < rings; i++ {
		for j := 0; j < segs; j++ {
			add(math.Pi*float64(i)/float64(rings), 2*math.Pi*float64(j)/float64(segs))
		}
	}
	add(math.Pi, 0) // south pole
	south := uint32(1 + (rings-1)*segs)
	at := func(i, j int) uint32 { return uint32(1 + (i-1)*segs + j%segs) }
	for j := 0; j < segs; j++ {
		m.Indices = append(m.Indices, 0, at(1, j+1), at(1, j))
		m.Indices = append(m.Indices, south, at(rings-1, j), at(rings-1, j+1))
	}
	for i := 1; i < rings-1; i++ {
		for j := 0; j < segs; j++ {
			a, b, c, d := at(i, j), at(i, j+1), at(i+1, j+1), at(i+1, j)
			m.Indices = append(m.Indices, a, b, c, a, c, d)
		}
	}
	return m
}

// union concatenates meshes into one.
func union(parts ...*mesh.Mesh) *mesh.Mesh {
	m := &mesh.Mesh{}
	for _, p := range parts {
		base := uint32(m.VertexCount())
		m.Positions = append(m.Positions, p.Positions...)
		m.Colors = append(m.Colors, p.Colors...)
		for _, ix := range p.Indices {
			m.Indices = append(m.Indices, base+ix)
		}
	}
	return m
}

// shuffled renumbers the vertices and reorders the triangles randomly, so
// that no test depends on a friendly input order.
func shuffled(m *mesh.Mesh, seed uint64) *mesh.Mesh {
	rng := rand.New(rand.NewPCG(seed, 11))
	n := m.VertexCount()
	perm := rng.Perm(n)
	out := &mesh.Mesh{Positions: make([]float32, 3*n), Indices: make([]uint32, len(m.Indices))}
	if m.HasColors() {
		out.Colors = make([]uint8, 3*n)
	}
	for v, p := range perm {
		copy(out.Positions[3*p:3*p+3], m.Positions[3*v:3*v+3])
		if m.HasColors() {
			copy(out.Colors[3*p:3*p+3], m.Colors[3*v:3*v+3])
		}
	}
	tperm := rng.Perm(m.TriangleCount())
	for t, p := range tperm {
		rot := rng.IntN(3)
		for i := 0; i < 3; i++ {
			out.Indices[3*p+i] = uint32(perm[m.Indices[3*t+(i+rot)%3]])
		}
	}
	return out
}
