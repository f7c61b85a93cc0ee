package codecbench

import "cloudme.dev/proto/mesh"

// cubeTetras splits a cube (corners numbered x + 2y + 4z) into six
// tetrahedra around its 0-7 diagonal; neighbouring cubes split their shared
// faces the same way, so the surface is watertight.
var cubeTetras = [6][4]int{
	{0, 1, 3, 7}, {0, 3, 2, 7}, {0, 2, 6, 7}, {0, 6, 4, 7}, {0, 4, 5, 7}, {0, 5, 1, 7},
}

// tetraMesher extracts the zero level set of a sampled field by marching
// tetrahedra, sharing one vertex per crossed grid edge.
type tetraMesher struct {
	field []float64
	pos   func(i int) [3]float64
	edges map[[2]int]uint32
	m     mesh.Mesh
}

func (t *tetraMesher) cube(c [8]int) {
	for _, tet := range cubeTetras {
		t.tetra([4]int{c[tet[0]], c[tet[1]], c[tet[2]], c[tet[3]]})
	}
}

func (t *tetraMesher) vertex(a, b int) uint32 {
	if a > b {
		a, b = b, a
	}
	if v, ok := t.edges[[2]int{a, b}]; ok {
		return v
	}
	fa, fb := t.field[a], t.field[b]
	s := fa / (fa - fb)
	pa, pb := t.pos(a), t.pos(b)
	var p [3]float32
	for i := range 3 {
		p[i] = float32(pa[i] + s*(pb[i]-pa[i]))
	}
	v := uint32(t.m.VertexCount())
	t.m.Positions = append(t.m.Positions, p[0], p[1], p[2])
	col := blobbyColor(p)
	t.m.Colors = append(t.m.Colors, col[0], col[1], col[2])
	t.edges[[2]int{a, b}] = v
	return v
}

func (t *tetraMesher) tetra(c [4]int) {
	var in, out []int
	for _, v := range c {
		if t.field[v] < 0 {
			in = append(in, v)
		} else {
			out = append(out, v)
		}
	}
	switch len(in) {
	case 1:
		t.triangle(in[0], t.vertex(in[0], out[0]), t.vertex(in[0], out[1]), t.vertex(in[0], out[2]))
	case 3:
		t.triangle(out[0], t.vertex(out[0], in[0]), t.vertex(out[0], in[1]), t.vertex(out[0], in[2]))
	case 2:
		a, b := t.vertex(in[0], out[0]), t.vertex(in[0], out[1])
		c, d := t.vertex(in[1], out[1]), t.vertex(in[1], out[0])
		t.triangle(in[0], a, b, c)
		t.triangle(in[0], a, c, d)
	}
}

// triangle adds (a, b, c) wound counter-clockwise seen from outside: the
// side away from ref when ref is inside, towards it when outside.
func (t *tetraMesher) triangle(ref int, a, b, c uint32) {
	p := func(v uint32) [3]float64 {
		q := t.m.Positions[3*v : 3*v+3]
		return [3]float64{float64(q[0]), float64(q[1]), float64(q[2])}
	}
	pa, pb, pc, r := p(a), p(b), p(c), t.pos(ref)
	var u, w, d [3]float64
	for i := range 3 {
		u[i], w[i], d[i] = pb[i]-pa[i], pc[i]-pa[i], pa[i]-r[i]
	}
	nx, ny, nz := u[1]*w[2]-u[2]*w[1], u[2]*w[0]-u[0]*w[2], u[0]*w[1]-u[1]*w[0]
	facing := nx*d[0] + ny*d[1] + nz*d[2]
	if t.field[ref] >= 0 {
		facing = -facing
	}
	if facing < 0 {
		b, c = c, b
	}
	t.m.Indices = append(t.m.Indices, a, b, c)
}
