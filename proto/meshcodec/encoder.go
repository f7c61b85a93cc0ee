package meshcodec

import (
	"encoding/binary"
	"fmt"

	"cloudme.dev/proto/mesh"
)

// maxCount bounds vertex and triangle counts so that corner indices fit an
// int32.
const maxCount = 1<<29 - 1

// Encoder turns meshes into streams. It keeps its buffers between calls, so
// encoding meshes of a steady size allocates nothing; it is not safe for
// concurrent use.
type Encoder struct {
	opts Options
	adj  adjacency
	bw   blockWriter

	hasColor bool
	grid     grid
	maxc     int32
	qpos     []int32 // quantized positions, input order
	qcol     []int32 // quantized YCoCg colours, input order

	f     front
	vmap  []int32 // input vertex -> decoded id, or -1
	oc2dc []int32 // input corner -> decoded corner, or -1
	dc2oc []int32 // decoded corner -> input corner
	npos  []int32 // positions by decoded id
	ncol  []int32 // colours by decoded id
	nv    int32

	ops, packed, refs []byte
	pos               [posStreams][]byte // by posStream
	col               [colStreams][]byte // by colStream
	pesc, cesc        []byte
}

// NewEncoder returns an encoder with opts; zero fields take the defaults.
func NewEncoder(opts Options) (*Encoder, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Encoder{opts: o}, nil
}

// Options returns the options in effect, defaults filled in.
func (e *Encoder) Options() Options { return e.opts }

// Encode appends the stream for m to dst and returns it. The decoded mesh
// has the same triangles, with the same orientation, over the same
// vertices, possibly numbered in another order.
func (e *Encoder) Encode(dst []byte, m *mesh.Mesh) ([]byte, error) {
	if m == nil {
		return dst, fmt.Errorf("%w: nil mesh", ErrInvalidMesh)
	}
	if err := m.Validate(); err != nil {
		return dst, fmt.Errorf("%w: %w", ErrInvalidMesh, err)
	}
	nv, nt := m.VertexCount(), m.TriangleCount()
	if nv > maxCount || nt > maxCount {
		return dst, fmt.Errorf("%w: %d vertices, %d triangles, at most %d each", ErrTooLarge, nv, nt, maxCount)
	}
	e.hasColor = m.HasColors()
	lo, hi := m.Bounds()
	h := Header{Version: FormatVersion, VertexCount: nv, TriangleCount: nt,
		PositionBits: e.opts.PositionBits, BoundsMin: lo, BoundsMax: hi}
	if e.hasColor {
		h.Flags |= FlagColors
		h.ColorBits = e.opts.ColorBits
	}
	dst = h.appendTo(dst)

	e.quantize(m, lo, hi)
	e.adj.build(m.Indices, nv)
	e.traverse(m.Indices, nv)

	// Pack the operations, three to a byte.
	e.packed = e.packed[:0]
	for i := 0; i < len(e.ops); i += opsPerByte {
		var b, mul byte = 0, 1
		for j := i; j < i+opsPerByte && j < len(e.ops); j++ {
			b += e.ops[j] * mul
			mul *= numOps
		}
		e.packed = append(e.packed, b)
	}
	dst = binary.AppendUvarint(dst, uint64(len(e.ops)))
	dst = e.bw.appendBlock(dst, e.packed)
	dst = e.bw.appendBlock(dst, e.refs)
	for _, s := range e.pos {
		dst = e.bw.appendBlock(dst, s)
	}
	dst = e.bw.appendBlock(dst, e.pesc)
	if e.hasColor {
		for _, s := range e.col {
			dst = e.bw.appendBlock(dst, s)
		}
		dst = e.bw.appendBlock(dst, e.cesc)
	}
	return dst, nil
}

func (e *Encoder) quantize(m *mesh.Mesh, lo, hi [3]float32) {
	nv := m.VertexCount()
	e.grid = newGrid(lo, hi, e.opts.PositionBits)
	e.qpos = grow(e.qpos, 3*nv)
	for i, v := range m.Positions {
		e.qpos[i] = e.grid.quantize(v, i%3)
	}
	if !e.hasColor {
		return
	}
	e.maxc = int32(1)<<e.opts.ColorBits - 1
	e.qcol = grow(e.qcol, 3*nv)
	for i := 0; i < 3*nv; i += 3 {
		r := quantizeColor(m.Colors[i], e.maxc)
		g := quantizeColor(m.Colors[i+1], e.maxc)
		b := quantizeColor(m.Colors[i+2], e.maxc)
		e.qcol[i], e.qcol[i+1], e.qcol[i+2] = toYCoCg(r, g, b)
	}
}

func (e *Encoder) reset(nv, nc int) {
	e.vmap = grow(e.vmap, nv)
	for i := range e.vmap {
		e.vmap[i] = -1
	}
	e.oc2dc = grow(e.oc2dc, nc)
	for i := range e.oc2dc {
		e.oc2dc[i] = -1
	}
	e.f.reset(nc)
	e.dc2oc = grow(e.dc2oc, nc)[:0]
	e.npos = grow(e.npos, 3*nv)
	if e.hasColor {
		e.ncol = grow(e.ncol, 3*nv)
	}
	e.nv = 0
	e.ops, e.refs, e.pesc, e.cesc = e.ops[:0], e.refs[:0], e.pesc[:0], e.cesc[:0]
	for i := range e.pos {
		e.pos[i] = e.pos[i][:0]
	}
	for i := range e.col {
		e.col[i] = e.col[i][:0]
	}
}

// traverse runs the decoder's traversal over the input, emitting what the
// decoder will need to repeat it.
func (e *Encoder) traverse(idx []uint32, nv int) {
	nt := int32(len(idx) / 3)
	e.reset(nv, len(idx))
	seed := int32(0)
	for {
		if g, ok := e.f.nextGate(); ok {
			e.cross(idx, g)
			continue
		}
		for seed < nt && e.oc2dc[3*seed] >= 0 {
			seed++
		}
		if seed == nt {
			break
		}
		e.seed(idx, seed)
	}
	// Vertices that no triangle uses go last.
	for v := int32(0); v < int32(nv); v++ {
		if e.vmap[v] < 0 {
			e.newVertex(v, predictFromPrevious(e.npos, e.ncol, e.nv))
		}
	}
}

// newVertex gives input vertex v the next decoded id and emits its
// residuals against the predictions.
func (e *Encoder) newVertex(v int32, p prediction) int32 {
	id := e.nv
	e.nv++
	e.vmap[v] = id
	for a := int32(0); a < 3; a++ {
		q := e.qpos[3*v+a]
		e.npos[3*id+a] = q
		s := posStream(a, p.pctx[a])
		e.pos[s], e.pesc = appendResidual(e.pos[s], e.pesc, q-p.pos[a])
	}
	if e.hasColor {
		for a := int32(0); a < 3; a++ {
			q := e.qcol[3*v+a]
			e.ncol[3*id+a] = q
			s := colStream(a, p.cctx[a])
			e.col[s], e.cesc = appendResidual(e.col[s], e.cesc, q-p.col[a])
		}
	}
	return id
}

// seed starts a new component at input triangle t.
func (e *Encoder) seed(idx []uint32, t int32) {
	c0 := int32(len(e.f.vert))
	var ids [3]int32
	for i := int32(0); i < 3; i++ {
		oc := 3*t + i
		v := int32(idx[oc])
		id := e.vmap[v]
		if id < 0 {
			e.refs = append(e.refs, 0)
			id = e.newVertex(v, predictFromPrevious(e.npos, e.ncol, e.nv))
		} else {
			e.refs = binary.AppendUvarint(e.refs, uint64(e.nv-id))
		}
		ids[i] = id
		e.dc2oc = append(e.dc2oc, oc)
		e.oc2dc[oc] = c0 + i
	}
	e.f.addSeed(ids[0], ids[1], ids[2])
}

// maxSplitSearch bounds the encoder's search along a loop for an S tip.
const maxSplitSearch = 1 << 12

// cross handles the open gate g.
func (e *Encoder) cross(idx []uint32, g int32) {
	f := &e.f
	oc := e.adj.opp[e.dc2oc[g]]
	if oc < 0 || e.oc2dc[oc] >= 0 {
		e.ops = append(e.ops, opB)
		f.setBoundary(g)
		return
	}
	a, b, c := f.start(g), f.end(g), f.vert[g]
	p, n := f.lprev[g], f.lnext[g]
	v := int32(idx[oc])
	tip := e.vmap[v]
	c0 := f.attach(g, tip)
	for i, k := range [3]int32{oc, next(oc), prev(oc)} {
		e.dc2oc = append(e.dc2oc, k)
		e.oc2dc[k] = c0 + int32(i)
	}
	if tip < 0 {
		e.ops = append(e.ops, opC)
		f.vert[c0] = e.newVertex(v, predictAcross(e.npos, e.ncol, a, b, c, e.grid.maxq, e.maxc, e.hasColor))
		f.applyC(g, c0)
		return
	}
	// The true neighbours across a->tip and tip->b, when decoded and
	// next to g on its loop, are joined by L, R or E.
	left := p != g && e.trueNeighbour(next(oc)) == p
	right := n != g && e.trueNeighbour(prev(oc)) == n
	switch {
	case left && right && f.canE(g):
		e.ops = append(e.ops, opE)
		f.applyE(g, c0)
	case left && f.canL(g):
		e.ops = append(e.ops, opL)
		f.applyL(g, c0)
	case right && f.canR(g):
		e.ops = append(e.ops, opR)
		f.applyR(g, c0)
	default:
		e.ops = append(e.ops, opS)
		e.split(g, c0, oc, tip)
	}
}

// trueNeighbour returns the decoded corner across input corner k's edge,
// or -1 when there is none yet.
func (e *Encoder) trueNeighbour(k int32) int32 {
	if o := e.adj.opp[k]; o >= 0 {
		return e.oc2dc[o]
	}
	return -1
}

// split codes an S triangle c0 across g whose tip, input corner oc, is an
// older vertex: as a place on g's loop when it can be found there, else
// explicitly.
func (e *Encoder) split(g, c0, oc, tip int32) {
	f := &e.f
	// Turn around the tip from the new triangle across its edge tip->b
	// through triangles not yet decoded; the first decoded one holds the
	// open edge ending at the tip where the loop splits.
	in := int32(-1)
	cv := oc
	for i := 0; i < maxSplitSearch; i++ {
		o := e.adj.opp[prev(cv)]
		if o < 0 {
			break
		}
		if k := e.oc2dc[o]; k >= 0 {
			if f.opp[k] == open && f.end(k) == tip {
				in = k
			}
			break
		}
		cv = prev(o)
		if cv == oc {
			break
		}
	}
	if in >= 0 && f.splitOK(g, in) {
		fw, bw := f.lnext[g], f.lprev[g]
		for j := uint64(0); j < maxSplitSearch && j <= uint64(f.budget); j++ {
			if fw == in || bw == in {
				kind, from := uint64(0), f.lnext[g]
				if fw != in {
					kind, from = 1, f.lprev[g]
				}
				f.walk(from, j, kind == 0)
				e.refs = binary.AppendUvarint(e.refs, 3*j+kind)
				f.applySplit(g, c0, in)
				return
			}
			if fw == g {
				break
			}
			fw, bw = f.lnext[fw], f.lprev[bw]
		}
	}
	e.refs = binary.AppendUvarint(e.refs, 3*uint64(e.nv-tip)+2)
	f.applyFree(g, c0)
}

// VertexOrder appends to dst, for each vertex of the mesh last encoded, its
// index in the decoded mesh, so that callers can compare the two.
func (e *Encoder) VertexOrder(dst []uint32) []uint32 {
	for _, id := range e.vmap {
		dst = append(dst, uint32(id))
	}
	return dst
}
