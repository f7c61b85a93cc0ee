package engine

import (
	"fmt"
	"math"
	"math/bits"

	"cloudme.dev/proto/mesh"
)

// edgeTab[e] gives cube edge e's start corner offset and axis.
var edgeTab = func() (t [12]struct{ dx, dy, dz, axis int32 }) {
	for e := 0; e < 12; e++ {
		off, a := edgeCorner(e)
		t[e].dx, t[e].dy, t[e].dz, t[e].axis = int32(off[0]), int32(off[1]), int32(off[2]), int32(a)
	}
	return t
}()

// fieldAt evaluates the field at p with the given active cameras.
func (e *cpu) fieldAt(p [3]float64, mask uint64) float64 {
	R := e.g.R
	f := R
	if bc := e.g.boxClip(p); bc < f {
		f = bc
	}
	for m := mask; m != 0 && f > -R; m &= m - 1 {
		if d := e.cams[bits.TrailingZeros64(m)].field(p, R, e.pad); d < f {
			f = d
		}
	}
	return f
}

// evalBrick evaluates the field at the corners of the brick's boundary
// cells, records their configurations and creates the vertices on the
// cut edges the brick owns. It returns the number of corner evaluations.
func (e *cpu) evalBrick(b *brick) int {
	g := &e.g
	evals := 0
	smooth := e.cfg.Smoothing > 0
	for w, word := range b.band {
		for word != 0 {
			cell := int32(w*64 + bits.TrailingZeros64(word))
			word &= word - 1
			x, y, z := cell&7, cell>>3&7, cell>>6
			mask := b.cellMask[cell]
			var f [8]float32
			conf := uint8(0)
			for v := int32(0); v < 8; v++ {
				cx, cy, cz := x+v&1, y+v>>1&1, z+v>>2&1
				ci := cx + brickC*(cy+brickC*cz)
				if b.evaluated[ci>>6]&(1<<uint(ci&63)) != 0 {
					f[v] = b.corner[ci]
				} else {
					p := g.corner(b.bi*brickN+cx, b.bj*brickN+cy, b.bk*brickN+cz)
					val := e.fieldAt(p, mask)
					evals++
					if smooth {
						val = e.smoothCorner(b, cx, cy, cz, val)
					}
					f[v] = float32(val)
					b.corner[ci] = f[v]
					b.evaluated[ci>>6] |= 1 << uint(ci&63)
				}
				if f[v] > 0 {
					conf |= 1 << uint(v)
				}
			}
			b.conf[cell] = conf
			b.nTri += int32(mcTable[conf].n)
			if conf == 0 || conf == 255 {
				continue
			}
			for a := int32(0); a < 3; a++ {
				f0, f1 := f[0], f[1<<uint(a)]
				if (f0 > 0) == (f1 > 0) {
					continue
				}
				t := float64(f0) / float64(f0-f1)
				p := g.corner(b.bi*brickN+x, b.bj*brickN+y, b.bk*brickN+z)
				p[a] += t * g.s
				ei := 3*cell + a
				b.edgeSet[ei>>6] |= 1 << uint(ei&63)
				b.edgeVert[ei] = int32(len(b.verts) / 3)
				b.verts = append(b.verts, float32(p[0]), float32(p[1]), float32(p[2]))
			}
		}
	}
	return evals
}

// writeBrick copies the brick's vertices into the mesh and writes the
// triangles of its boundary cells with global vertex indices.
func (e *cpu) writeBrick(b *brick, out *mesh.Mesh) error {
	copy(out.Positions[3*b.vertBase:], b.verts)
	ti := 3 * int(b.triBase)
	for w, word := range b.band {
		for word != 0 {
			cell := int32(w*64 + bits.TrailingZeros64(word))
			word &= word - 1
			c := &mcTable[b.conf[cell]]
			if c.n == 0 {
				continue
			}
			x, y, z := cell&7, cell>>3&7, cell>>6
			for t := 0; t < c.n; t++ {
				for k := 0; k < 3; k++ {
					et := &edgeTab[c.tri[t][k]]
					cx, cy, cz := x+et.dx, y+et.dy, z+et.dz
					nb := 0
					if cx == brickN {
						nb, cx = nb|1, 0
					}
					if cy == brickN {
						nb, cy = nb|2, 0
					}
					if cz == brickN {
						nb, cz = nb|4, 0
					}
					slot := b.nbr[nb]
					if slot < 0 {
						return fmt.Errorf("%w: brick (%d,%d,%d) needs missing neighbour %d", ErrInternal, b.bi, b.bj, b.bk, nb)
					}
					owner := e.bricks[slot]
					ei := 3*(cx+brickN*(cy+brickN*cz)) + et.axis
					if owner.edgeSet[ei>>6]&(1<<uint(ei&63)) == 0 {
						return fmt.Errorf("%w: brick (%d,%d,%d) cell %d: edge without a vertex", ErrInternal, b.bi, b.bj, b.bk, cell)
					}
					out.Indices[ti] = uint32(owner.vertBase + owner.edgeVert[ei])
					ti++
				}
			}
		}
	}
	return nil
}

// surface extracts the mesh from the marked bricks.
func (e *cpu) surface(out *mesh.Mesh, st *Stats) error {
	bricks := e.bricks[:e.nBricks]
	evals := make([]int, e.cfg.Workers)
	parallelEach(len(bricks), e.cfg.Workers, func(w, i int) {
		evals[w] += e.evalBrick(bricks[i])
	})
	var nv, nt int32
	band := 0
	for _, b := range bricks {
		b.vertBase, b.triBase = nv, nt
		nv += int32(len(b.verts) / 3)
		nt += b.nTri
		for _, word := range b.band {
			band += bits.OnesCount64(word)
		}
	}
	for _, n := range evals {
		st.FieldEvals += n
	}
	st.BoundaryCells, st.Bricks = band, len(bricks)
	out.Positions = grow(out.Positions, 3*int(nv))
	out.Indices = growU32(out.Indices, 3*int(nt))
	errs := make([]error, e.cfg.Workers)
	parallelEach(len(bricks), e.cfg.Workers, func(w, i int) {
		if err := e.writeBrick(bricks[i], out); err != nil && errs[w] == nil {
			errs[w] = err
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	st.Vertices, st.Triangles = int(nv), int(nt)
	return nil
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

func growU32(s []uint32, n int) []uint32 {
	if cap(s) < n {
		return make([]uint32, n)
	}
	return s[:n]
}

func growU8(s []uint8, n int) []uint8 {
	if cap(s) < n {
		return make([]uint8, n)
	}
	return s[:n]
}

// vertexNormals computes area-weighted unit vertex normals of out into
// e.normals, accumulating per worker to avoid races.
func (e *cpu) vertexNormals(out *mesh.Mesh) []float32 {
	nv := len(out.Positions)
	W := e.cfg.Workers
	for len(e.nbuf) < W {
		e.nbuf = append(e.nbuf, nil)
	}
	nt := len(out.Indices) / 3
	parallelFor(nt, W, func(w, lo, hi int) {
		acc := grow(e.nbuf[w], nv)
		clear(acc)
		e.nbuf[w] = acc
		pos, idx := out.Positions, out.Indices
		for t := lo; t < hi; t++ {
			a, b, c := 3*idx[3*t], 3*idx[3*t+1], 3*idx[3*t+2]
			ux, uy, uz := pos[b]-pos[a], pos[b+1]-pos[a+1], pos[b+2]-pos[a+2]
			vx, vy, vz := pos[c]-pos[a], pos[c+1]-pos[a+1], pos[c+2]-pos[a+2]
			nx, ny, nz := uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx
			for _, i := range [3]uint32{a, b, c} {
				acc[i] += nx
				acc[i+1] += ny
				acc[i+2] += nz
			}
		}
	})
	used := min(W, nt)
	e.normals = grow(e.normals, nv)
	parallelFor(nv/3, W, func(_, lo, hi int) {
		for v := lo; v < hi; v++ {
			var n [3]float32
			for w := 0; w < used; w++ {
				n[0] += e.nbuf[w][3*v]
				n[1] += e.nbuf[w][3*v+1]
				n[2] += e.nbuf[w][3*v+2]
			}
			l := float32(math.Sqrt(float64(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])))
			if l > 0 {
				n[0], n[1], n[2] = n[0]/l, n[1]/l, n[2]/l
			}
			copy(e.normals[3*v:3*v+3], n[:])
		}
	})
	return e.normals
}
