package meshcodec

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"

	"cloudme.dev/proto/mesh"
)

// defaultSplitMin is Encoder.splitMin's default.
const defaultSplitMin = 16384

// maxCount bounds vertex and triangle counts so that corner indices fit an
// int32.
const maxCount = 1<<29 - 1

// Encoder turns meshes into streams. It keeps its buffers between calls, so
// encoding meshes of a steady size allocates nothing; it is not safe for
// concurrent use.
//
// The encoder runs the decoder's traversal on the input's own corners and
// vertices (see front): it needs no copy of the decoded mesh, only which
// input corners are decoded, in what order, and each input vertex's
// decoded id.
type Encoder struct {
	opts Options
	adj  adjacency
	bw   blockWriter

	// splitMin is the triangle count from which Encode uses a second
	// goroutine, when GOMAXPROCS allows: below it, starting one costs more
	// than it saves.
	splitMin int
	quant    func() // quantize of m, lo and hi, made once
	m        *mesh.Mesh
	lo, hi   [3]float32

	// The colour streams' coding in a second goroutine: colHelper, made
	// once so that starting it allocates nothing, codes them with colBW
	// into colOut.
	colHelper func()
	colDone   sync.WaitGroup
	colBW     blockWriter
	colOut    []byte

	hasColor bool
	grid     grid
	levels   [256]int32 // 8-bit colour channel -> quantized
	attr     []vattr    // quantized attributes, input order

	f       front
	created []int32 // input corners in the order the decoder creates them
	sweep   int     // every corner of created before it is closed
	vmap    []int32 // input vertex -> decoded id, or -1
	nv      int32   // vertices decoded so far
	last    *vattr  // the vertex decoded last, nil before the first

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
	return &Encoder{opts: o, splitMin: defaultSplitMin}, nil
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
	lo, hi, err := checkMesh(m)
	if err != nil {
		return dst, fmt.Errorf("%w: %w", ErrInvalidMesh, err)
	}
	nv, nt := m.VertexCount(), m.TriangleCount()
	if nv > maxCount || nt > maxCount {
		return dst, fmt.Errorf("%w: %d vertices, %d triangles, at most %d each", ErrTooLarge, nv, nt, maxCount)
	}
	e.hasColor = m.HasColors()
	h := Header{Version: FormatVersion, VertexCount: nv, TriangleCount: nt,
		PositionBits: e.opts.PositionBits, BoundsMin: lo, BoundsMax: hi}
	if e.hasColor {
		h.Flags |= FlagColors
		h.ColorBits = e.opts.ColorBits
	}
	dst = h.appendTo(dst)

	// Quantization and the adjacency do not depend on each other: with
	// two cores, the first runs beside the adjacency's counting, whose
	// work is shared by two goroutines.
	e.m, e.lo, e.hi = m, lo, hi
	if e.quant == nil {
		e.quant = func() { e.quantize(e.m, e.lo, e.hi) }
	}
	e.adj.build(m.Indices, nv, nt >= e.splitMin && runtime.GOMAXPROCS(0) > 1, e.quant)
	e.m = nil
	e.traverse(m.Indices, nv)

	// The colour streams are entropy coded beside the others when the
	// mesh is large enough for a second goroutine to pay off.
	colSplit := e.hasColor && nt >= e.splitMin && runtime.GOMAXPROCS(0) > 1
	if colSplit {
		if e.colHelper == nil {
			e.colHelper = func() {
				e.colOut = e.appendColors(e.colOut[:0], &e.colBW)
				e.colDone.Done()
			}
		}
		e.colDone.Add(1)
		go e.colHelper()
	}
	// Pack the operations, three to a byte, the first in the lowest digit.
	e.packed = grow(e.packed, (len(e.ops)+opsPerByte-1)/opsPerByte)
	for i := range e.packed {
		var t [opsPerByte]byte
		copy(t[:], e.ops[opsPerByte*i:])
		e.packed[i] = t[0] + numOps*(t[1]+numOps*t[2])
	}
	dst = binary.AppendUvarint(dst, uint64(len(e.ops)))
	dst = e.bw.appendBlock(dst, e.packed)
	dst = e.bw.appendBlock(dst, e.refs)
	for _, s := range e.pos {
		dst = e.bw.appendBlock(dst, s)
	}
	dst = e.bw.appendBlock(dst, e.pesc)
	if colSplit {
		e.colDone.Wait()
		dst = append(dst, e.colOut...)
	} else if e.hasColor {
		dst = e.appendColors(dst, &e.bw)
	}
	return dst, nil
}

// appendColors appends the colour streams' blocks to dst, coded with bw.
func (e *Encoder) appendColors(dst []byte, bw *blockWriter) []byte {
	for _, s := range e.col {
		dst = bw.appendBlock(dst, s)
	}
	return bw.appendBlock(dst, e.cesc)
}

func (e *Encoder) quantize(m *mesh.Mesh, lo, hi [3]float32) {
	nv := m.VertexCount()
	e.grid = newGrid(lo, hi, e.opts.PositionBits)
	e.attr = grow(e.attr, nv)
	pos := m.Positions[:3*nv]
	g := &e.grid
	for v := range e.attr {
		p := pos[3*v : 3*v+3 : 3*v+3]
		// grid.quantize, knowing that no coordinate is below the box:
		// the rounded value is at least 0.5, so conversion truncates it
		// as math.Floor would.
		e.attr[v].p = [3]int32{
			min(int32((float64(p[0])-g.lo[0])*g.scale+0.5), g.maxq),
			min(int32((float64(p[1])-g.lo[1])*g.scale+0.5), g.maxq),
			min(int32((float64(p[2])-g.lo[2])*g.scale+0.5), g.maxq),
		}
	}
	if !e.hasColor {
		return
	}
	maxc := int32(1)<<e.opts.ColorBits - 1
	for c := range e.levels {
		e.levels[c] = quantizeColor(uint8(c), maxc)
	}
	col := m.Colors[:3*nv]
	for v := range e.attr {
		c := col[3*v : 3*v+3 : 3*v+3]
		y, co, cg := toYCoCg(e.levels[c[0]], e.levels[c[1]], e.levels[c[2]])
		e.attr[v].c = [3]int32{y, co, cg}
	}
}

func (e *Encoder) reset(idx []uint32, nv int) {
	e.vmap = grow(e.vmap, nv)
	for i := range e.vmap {
		e.vmap[i] = -1
	}
	e.f.reset(idx, len(idx))
	e.created = grow(e.created, len(idx))[:0]
	e.sweep = 0
	e.nv, e.last = 0, nil
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
	e.reset(idx, nv)
	seed := int32(0)
	for {
		// The gate the decoder crosses next: from the stack, else the
		// first open corner in its creation order.
		g, ok := e.f.popGate()
		if !ok {
			g, ok = e.sweepGate()
		}
		if ok {
			e.cross(idx, g)
			continue
		}
		for seed < nt && e.f.state[3*seed] != cornerUnset {
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
			var p prediction
			p.fromPrevious(e.last)
			e.newVertex(v, &p)
		}
	}
}

// sweepGate returns the first open corner in the decoder's creation order.
func (e *Encoder) sweepGate() (int32, bool) {
	state := e.f.state
	for i, g := range e.created[e.sweep:] {
		if state[g] == cornerOpen {
			e.sweep += i
			return g, true
		}
	}
	e.sweep = len(e.created)
	return 0, false
}

// newVertex gives input vertex v the next decoded id and emits its
// residuals against the predictions.
func (e *Encoder) newVertex(v int32, p *prediction) {
	e.vmap[v] = e.nv
	e.nv++
	q := &e.attr[v]
	e.last = q
	for a := range 3 {
		appendResidual(&e.pos[posStream(a, p.pctx[a])], &e.pesc, q.p[a]-p.pos[a])
	}
	if e.hasColor {
		for a := range 3 {
			appendResidual(&e.col[colStream(a, p.cctx[a])], &e.cesc, q.c[a]-p.col[a])
		}
	}
}

// vertexAcross is newVertex with prediction.across for the tip v across
// the gate a->b of triangle (a, b, c), written out with the components in
// registers, since it runs for nearly every vertex.
func (e *Encoder) vertexAcross(v int32, ia, ib, ic uint32) {
	e.vmap[v] = e.nv
	e.nv++
	attr := e.attr
	a, b, c, q := &attr[ia], &attr[ib], &attr[ic], &attr[v]
	e.last = q
	maxq := e.grid.maxq
	appendResidual(&e.pos[posStream(0, spread(a.p[0]-b.p[0]))], &e.pesc, q.p[0]-min(max(a.p[0]+b.p[0]-c.p[0], 0), maxq))
	appendResidual(&e.pos[posStream(1, spread(a.p[1]-b.p[1]))], &e.pesc, q.p[1]-min(max(a.p[1]+b.p[1]-c.p[1], 0), maxq))
	appendResidual(&e.pos[posStream(2, spread(a.p[2]-b.p[2]))], &e.pesc, q.p[2]-min(max(a.p[2]+b.p[2]-c.p[2], 0), maxq))
	if e.hasColor {
		appendResidual(&e.col[colStream(0, spread(a.c[0]-b.c[0]))], &e.cesc, q.c[0]-(a.c[0]+b.c[0])>>1)
		appendResidual(&e.col[colStream(1, spread(a.c[1]-b.c[1]))], &e.cesc, q.c[1]-(a.c[1]+b.c[1])>>1)
		appendResidual(&e.col[colStream(2, spread(a.c[2]-b.c[2]))], &e.cesc, q.c[2]-(a.c[2]+b.c[2])>>1)
	}
}

// seed starts a new component at input triangle t.
func (e *Encoder) seed(idx []uint32, t int32) {
	for i := int32(0); i < 3; i++ {
		v := int32(idx[3*t+i])
		if id := e.vmap[v]; id >= 0 {
			e.refs = binary.AppendUvarint(e.refs, uint64(e.nv-id))
			continue
		}
		e.refs = append(e.refs, 0)
		var p prediction
		p.fromPrevious(e.last)
		e.newVertex(v, &p)
	}
	e.created = append(e.created, 3*t, 3*t+1, 3*t+2)
	e.f.addSeed(3 * t)
}

// maxSplitSearch bounds the encoder's search along a loop for an S tip.
const maxSplitSearch = 1 << 12

// cross handles the open gate g.
func (e *Encoder) cross(idx []uint32, g int32) {
	f := &e.f
	opp := e.adj.opp
	oc := opp[g]
	if oc < 0 || f.state[oc] != cornerUnset {
		e.ops = append(e.ops, opB)
		f.setBoundary(g)
		return
	}
	p, n := f.lprev(g), f.lnext(g)
	c1, c2 := next(oc), prev(oc)
	v := int32(idx[oc])
	f.attach(g, oc, c1, c2)
	e.created = append(e.created, oc, c1, c2)
	if e.vmap[v] < 0 {
		e.ops = append(e.ops, opC)
		e.vertexAcross(v, f.start(g), f.end(g), idx[g])
		f.applyC(g, c1, c2)
		return
	}
	// The true neighbours across a->tip and tip->b, when next to g on its
	// loop, are joined by L, R or E.
	left := p != g && opp[c1] == p
	right := n != g && opp[c2] == n
	switch {
	case left && right && f.canE(g):
		e.ops = append(e.ops, opE)
		f.applyE(g, c1, c2)
	case left && f.canL(g):
		e.ops = append(e.ops, opL)
		f.applyL(g, c1, c2)
	case right && f.canR(g):
		e.ops = append(e.ops, opR)
		f.applyR(g, c1, c2)
	default:
		e.ops = append(e.ops, opS)
		e.split(g, oc, uint32(v))
	}
}

// split codes an S triangle across g, input corner oc, whose tip v is an
// older vertex: as a place on g's loop when it can be found there, else
// explicitly.
func (e *Encoder) split(g, oc int32, v uint32) {
	f := &e.f
	opp := e.adj.opp
	c1, c2 := next(oc), prev(oc)
	// Turn around the tip from the new triangle across its edge tip->b
	// through triangles not yet decoded; the first decoded one holds the
	// open edge ending at the tip where the loop splits.
	in := int32(-1)
	cv := oc
	for i := 0; i < maxSplitSearch; i++ {
		o := opp[prev(cv)]
		if o < 0 {
			break
		}
		if f.state[o] != cornerUnset {
			if f.state[o] == cornerOpen && f.end(o) == v {
				in = o
			}
			break
		}
		cv = prev(o)
		if cv == oc {
			break
		}
	}
	if in >= 0 && f.splitOK(g, in) {
		fw, bw := f.lnext(g), f.lprev(g)
		for j := uint64(0); j < maxSplitSearch && j <= uint64(f.budget); j++ {
			if fw == in || bw == in {
				kind, from := uint64(0), f.lnext(g)
				if fw != in {
					kind, from = 1, f.lprev(g)
				}
				f.walk(from, j, kind == 0)
				e.refs = binary.AppendUvarint(e.refs, 3*j+kind)
				f.applySplit(g, c1, c2, in)
				return
			}
			if fw == g {
				break
			}
			fw, bw = f.lnext(fw), f.lprev(bw)
		}
	}
	e.refs = binary.AppendUvarint(e.refs, 3*uint64(e.nv-e.vmap[v])+2)
	f.applyFree(g, c1, c2)
}

// VertexOrder appends to dst, for each vertex of the mesh last encoded, its
// index in the decoded mesh, so that callers can compare the two.
func (e *Encoder) VertexOrder(dst []uint32) []uint32 {
	for _, id := range e.vmap {
		dst = append(dst, uint32(id))
	}
	return dst
}
