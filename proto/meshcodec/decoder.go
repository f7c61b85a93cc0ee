package meshcodec

import (
	"fmt"
	"runtime"
	"sync"

	"cloudme.dev/proto/mesh"
)

// Decoder turns streams back into meshes. It keeps its buffers between
// calls, so decoding meshes of a steady size allocates nothing beyond
// growing the destination mesh; it is not safe for concurrent use.
type Decoder struct {
	limits Limits
	br     blockReader

	packed, ops, refsBuf []byte
	pos, col             residualStreams

	f     front
	n     int32   // corners decoded so far
	sweep int32   // every corner before it is closed
	attr  []vattr // quantized attributes by decoded id

	// splitMin is the vertex count from which Decode writes the second
	// half of the vertices in a second goroutine, when GOMAXPROCS allows;
	// outHelper, made once so that starting it allocates nothing, writes
	// outAttr's to outPos and outCol. grid and outMax are the stream's
	// quantization.
	splitMin  int
	outHelper func()
	outDone   sync.WaitGroup
	outAttr   []vattr
	outPos    []float32
	outCol    []uint8
	grid      grid
	outMax    int32
}

// defaultDecodeSplitMin is Decoder.splitMin's default.
const defaultDecodeSplitMin = 8192

// NewDecoder returns a decoder that refuses streams beyond limits; zero
// fields take the defaults (DefaultMaxVertices, DefaultMaxTriangles,
// DefaultMaxBytes).
func NewDecoder(limits Limits) *Decoder {
	return &Decoder{limits: limits.withDefaults(), splitMin: defaultDecodeSplitMin}
}

// decodeState is one Decode call's cursor over the decoded streams.
type decodeState struct {
	ops        []byte // unpacked, one per gate crossed
	op         int
	refs       reader
	nv, maxv   int32
	maxc, maxq int32
	color      bool
}

// Decode decodes data into into, reusing its slices' capacity. On error
// into holds no meaningful mesh.
func (d *Decoder) Decode(data []byte, into *mesh.Mesh) error {
	if len(data) > d.limits.MaxBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), d.limits.MaxBytes)
	}
	h, err := ReadHeader(data)
	if err != nil {
		return err
	}
	nv, nt := h.VertexCount, h.TriangleCount
	if nv > d.limits.MaxVertices {
		return fmt.Errorf("%w: %d vertices, limit %d", ErrTooLarge, nv, d.limits.MaxVertices)
	}
	if nt > d.limits.MaxTriangles {
		return fmt.Errorf("%w: %d triangles, limit %d", ErrTooLarge, nt, d.limits.MaxTriangles)
	}
	if nv > maxCount || nt > maxCount {
		return fmt.Errorf("%w: %d vertices, %d triangles, at most %d each", ErrTooLarge, nv, nt, maxCount)
	}
	st := decodeState{maxv: int32(nv), color: h.HasColors(), maxq: int32(1)<<h.PositionBits - 1}
	if st.color {
		st.maxc = int32(1)<<h.ColorBits - 1
	}
	if err := d.readStreams(data[headerSize:], &st, nv, nt); err != nil {
		return err
	}
	if err := d.traverse(&st, nt, into); err != nil {
		return err
	}
	if st.op != len(st.ops) || st.refs.left() != 0 {
		return fmt.Errorf("%w: %d of %d operations and %d reference bytes left over", ErrCorrupt, len(st.ops)-st.op, len(st.ops), st.refs.left())
	}
	if !d.pos.consumed() || (st.color && !d.col.consumed()) {
		return fmt.Errorf("%w: residuals left over", ErrCorrupt)
	}
	d.output(&h, &st, into)
	return nil
}

func (d *Decoder) readStreams(payload []byte, st *decodeState, nv, nt int) error {
	r := reader{b: payload}
	nops, err := r.uvarint()
	if err != nil {
		return fmt.Errorf("operation count: %w", err)
	}
	// Every triangle but a component's first costs one operation, and
	// each of at most 3 gates per triangle at most one more (opB).
	if nops > uint64(4*nt) {
		return fmt.Errorf("%w: %d operations for %d triangles", ErrCorrupt, nops, nt)
	}
	npacked := (int(nops) + opsPerByte - 1) / opsPerByte
	if d.packed, err = d.br.readBlock(&r, d.packed[:0], npacked, "operations"); err != nil {
		return err
	}
	if len(d.packed) != npacked {
		return fmt.Errorf("%w: %d operation bytes, want %d", ErrCorrupt, len(d.packed), npacked)
	}
	if d.refsBuf, err = d.br.readBlock(&r, d.refsBuf[:0], 5*4*nt, "references"); err != nil {
		return err
	}
	st.refs = reader{b: d.refsBuf}
	// All of an attribute's streams together hold one byte per component
	// of every vertex, and its escapes at most 3 bytes per component.
	if err := d.pos.read(&r, &d.br, 3*nv, 3*3*nv, [2]string{"position residuals", "position escapes"}); err != nil {
		return err
	}
	if st.color {
		if err := d.col.read(&r, &d.br, 3*nv, 3*3*nv, [2]string{"colour residuals", "colour escapes"}); err != nil {
			return err
		}
	}
	if r.left() != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, r.left())
	}
	d.ops = grow(d.ops, opsPerByte*npacked)
	for i, b := range d.packed {
		if int(b) >= len(opUnpack) {
			return fmt.Errorf("%w: operation byte %d", ErrCorrupt, b)
		}
		copy(d.ops[opsPerByte*i:], opUnpack[b][:])
	}
	st.ops = d.ops[:nops]
	return nil
}

func (d *Decoder) traverse(st *decodeState, nt int, into *mesh.Mesh) error {
	nc := int32(3 * nt)
	into.Indices = grow(into.Indices, int(nc))
	d.f.reset(into.Indices, int(nc))
	d.n, d.sweep = 0, 0
	d.attr = grow(d.attr, int(st.maxv))
	for {
		// The next gate: from the stack, else the first open corner in
		// creation order.
		g, ok := d.f.popGate()
		if !ok {
			g, ok = d.sweepGate()
		}
		if ok {
			if err := d.cross(st, g, nc); err != nil {
				return err
			}
			continue
		}
		if d.n == nc {
			break
		}
		if err := d.seed(st); err != nil {
			return err
		}
	}
	var p prediction
	for st.nv < st.maxv {
		d.fromPrevious(st, &p)
		if err := d.newVertex(st, &p); err != nil {
			return err
		}
	}
	return nil
}

// sweepGate returns the first open corner in creation order.
func (d *Decoder) sweepGate() (int32, bool) {
	state := d.f.state[:d.n]
	for k := d.sweep; int(k) < len(state); k++ {
		if state[k] == cornerOpen {
			d.sweep = k
			return k, true
		}
	}
	d.sweep = d.n
	return 0, false
}

// fromPrevious predicts the next vertex from the one decoded before it.
func (d *Decoder) fromPrevious(st *decodeState, p *prediction) {
	if st.nv == 0 {
		p.fromPrevious(nil)
		return
	}
	p.fromPrevious(&d.attr[st.nv-1])
}

// opUnpack splits a packed operation byte into its three operations.
var opUnpack = func() (t [numOps * numOps * numOps][opsPerByte]byte) {
	for b := range t {
		for i, x := 0, b; i < opsPerByte; i, x = i+1, x/numOps {
			t[b][i] = byte(x % numOps)
		}
	}
	return t
}()

// newVertex decodes the next vertex's residuals against p: the vertices
// that start a component or that no triangle uses, and those whose
// residuals vertexAcross cannot read on its fast path.
func (d *Decoder) newVertex(st *decodeState, p *prediction) error {
	if st.nv >= st.maxv {
		return fmt.Errorf("%w: more than %d vertices", ErrCorrupt, st.maxv)
	}
	q := &d.attr[st.nv]
	for a := range 3 {
		r, err := d.pos.next(posStream(a, p.pctx[a]))
		if err != nil {
			return err
		}
		v := p.pos[a] + r
		if uint32(v) > uint32(st.maxq) {
			return fmt.Errorf("%w: position %d outside the grid", ErrCorrupt, v)
		}
		q.p[a] = v
	}
	if st.color {
		for a := range 3 {
			r, err := d.col.next(colStream(a, p.cctx[a]))
			if err != nil {
				return err
			}
			v := p.col[a] + r
			if uint32(v+st.maxc) > uint32(2*st.maxc) {
				return fmt.Errorf("%w: colour component %d out of range", ErrCorrupt, v)
			}
			q.c[a] = v
		}
	}
	st.nv++
	return nil
}

// vertexAcross decodes the tip across the gate a->b of triangle (a, b, c):
// newVertex with prediction.across, written out with the components in
// registers, since it runs for nearly every vertex. Escapes are read after
// the plain values, in component order, as newVertex reads them.
func (d *Decoder) vertexAcross(st *decodeState, ia, ib, ic uint32) error {
	if st.nv >= st.maxv {
		return fmt.Errorf("%w: more than %d vertices", ErrCorrupt, st.maxv)
	}
	attr := d.attr
	a, b, c, q := &attr[ia], &attr[ib], &attr[ic], &attr[st.nv]
	maxq := st.maxq
	rs := &d.pos
	s0 := posStream(0, spread(a.p[0]-b.p[0]))
	s1 := posStream(1, spread(a.p[1]-b.p[1]))
	s2 := posStream(2, spread(a.p[2]-b.p[2]))
	x, ok0 := rs.add(s0, min(max(a.p[0]+b.p[0]-c.p[0], 0), maxq))
	y, ok1 := rs.add(s1, min(max(a.p[1]+b.p[1]-c.p[1], 0), maxq))
	z, ok2 := rs.add(s2, min(max(a.p[2]+b.p[2]-c.p[2], 0), maxq))
	if !(ok0 && ok1 && ok2) {
		return d.slowVertex(st, a, b, c, false)
	}
	if uint32(x) > uint32(maxq) || uint32(y) > uint32(maxq) || uint32(z) > uint32(maxq) {
		return fmt.Errorf("%w: position outside the grid", ErrCorrupt)
	}
	if st.color {
		maxc := st.maxc
		rs := &d.col
		s0 := colStream(0, spread(a.c[0]-b.c[0]))
		s1 := colStream(1, spread(a.c[1]-b.c[1]))
		s2 := colStream(2, spread(a.c[2]-b.c[2]))
		cy, ok0 := rs.add(s0, (a.c[0]+b.c[0])>>1)
		co, ok1 := rs.add(s1, (a.c[1]+b.c[1])>>1)
		cg, ok2 := rs.add(s2, (a.c[2]+b.c[2])>>1)
		if !(ok0 && ok1 && ok2) {
			return d.slowVertex(st, a, b, c, true)
		}
		if uint32(cy+maxc) > uint32(2*maxc) || uint32(co+maxc) > uint32(2*maxc) || uint32(cg+maxc) > uint32(2*maxc) {
			return fmt.Errorf("%w: colour component out of range", ErrCorrupt)
		}
		q.c = [3]int32{cy, co, cg}
	}
	q.p = [3]int32{x, y, z}
	st.nv++
	return nil
}

// slowVertex undoes vertexAcross's reads, of the positions and, when
// colours is set, of the colours, and decodes the vertex again with
// newVertex, which reads escapes. The components of one attribute are in
// different streams, so each read is undone by stepping its stream back.
func (d *Decoder) slowVertex(st *decodeState, a, b, c *vattr, colours bool) error {
	var p prediction
	p.across(a, b, c, st.maxq, st.color)
	for i := range 3 {
		d.pos.cur[posStream(i, p.pctx[i])]--
		if colours {
			d.col.cur[colStream(i, p.cctx[i])]--
		}
	}
	return d.newVertex(st, &p)
}

func (d *Decoder) seed(st *decodeState) error {
	c0 := d.n
	for i := range int32(3) {
		r, err := st.refs.uvarint()
		if err != nil {
			return fmt.Errorf("seed reference: %w", err)
		}
		id := st.nv
		if r == 0 {
			var p prediction
			d.fromPrevious(st, &p)
			if err := d.newVertex(st, &p); err != nil {
				return err
			}
		} else {
			if r > uint64(st.nv) {
				return fmt.Errorf("%w: reference %d back from vertex %d", ErrCorrupt, r, st.nv)
			}
			id = st.nv - int32(r)
		}
		d.f.vert[c0+i] = uint32(id)
	}
	d.n += 3
	d.f.addSeed(c0)
	return nil
}

// attach adds the triangle (tip, b, a) across gate g (edge a->b) as the
// next three corners, which it returns.
func (d *Decoder) attach(g int32, tip uint32) (c0, c1, c2 int32) {
	f := &d.f
	c0, c1, c2 = d.n, d.n+1, d.n+2
	d.n += 3
	f.vert[c0], f.vert[c1], f.vert[c2] = tip, f.end(g), f.start(g)
	f.attach(g, c0, c1, c2)
	return c0, c1, c2
}

func (d *Decoder) cross(st *decodeState, g, nc int32) error {
	if st.op >= len(st.ops) {
		return fmt.Errorf("%w: operations ended early", ErrCorrupt)
	}
	op := st.ops[st.op]
	st.op++
	f := &d.f
	if op == opB {
		f.setBoundary(g)
		return nil
	}
	c0 := d.n
	if c0 >= nc {
		return fmt.Errorf("%w: more than %d triangles", ErrCorrupt, nc/3)
	}
	// The gate's ends, a = start(g) and b = end(g).
	vert := f.vert
	var a, b uint32
	switch uint32(g) % 3 {
	case 0:
		a, b = vert[g+1], vert[g+2]
	case 1:
		a, b = vert[g+1], vert[g-1]
	default:
		a, b = vert[g-2], vert[g-1]
	}
	var tip uint32
	switch op {
	case opC:
		tip = uint32(st.nv)
		if err := d.vertexAcross(st, a, b, vert[g]); err != nil {
			return err
		}
	case opL:
		if !f.canL(g) {
			return fmt.Errorf("%w: no left edge to join", ErrCorrupt)
		}
		tip = f.start(f.lprev(g))
	case opR:
		if !f.canR(g) {
			return fmt.Errorf("%w: no right edge to join", ErrCorrupt)
		}
		tip = f.end(f.lnext(g))
	case opE:
		if !f.canE(g) {
			return fmt.Errorf("%w: no edges to join on both sides", ErrCorrupt)
		}
		tip = f.start(f.lprev(g))
	case opS:
		return d.split(st, g)
	default:
		return fmt.Errorf("%w: operation %d", ErrCorrupt, op)
	}
	// d.attach, with the ends known.
	t := vert[c0 : c0+3 : c0+3]
	t[0], t[1], t[2] = tip, b, a
	d.n = c0 + 3
	c1, c2 := c0+1, c0+2
	f.attach(g, c0, c1, c2)
	switch op {
	case opC:
		f.applyC(g, c1, c2)
	case opL:
		f.applyL(g, c1, c2)
	case opR:
		f.applyR(g, c1, c2)
	default:
		f.applyE(g, c1, c2)
	}
	return nil
}

// split decodes the reference of an S triangle across g.
func (d *Decoder) split(st *decodeState, g int32) error {
	f := &d.f
	r, err := st.refs.uvarint()
	if err != nil {
		return fmt.Errorf("split reference: %w", err)
	}
	j, kind := r/3, r%3
	if kind == 2 {
		if j == 0 || j > uint64(st.nv) {
			return fmt.Errorf("%w: reference %d back from vertex %d", ErrCorrupt, j, st.nv)
		}
		_, c1, c2 := d.attach(g, uint32(st.nv-int32(j)))
		f.applyFree(g, c1, c2)
		return nil
	}
	from := f.lnext(g)
	if kind == 1 {
		from = f.lprev(g)
	}
	in, ok := f.walk(from, j, kind == 0)
	if !ok {
		return fmt.Errorf("%w: split reference %d walks too far", ErrCorrupt, j)
	}
	if !f.splitOK(g, in) {
		return fmt.Errorf("%w: split reference %d lands on a bad edge", ErrCorrupt, j)
	}
	_, c1, c2 := d.attach(g, f.end(in))
	f.applySplit(g, c1, c2, in)
	return nil
}

func (d *Decoder) output(h *Header, st *decodeState, into *mesh.Mesh) {
	nv := int(st.maxv)
	attr := d.attr[:nv]
	into.Positions = grow(into.Positions, 3*nv)
	if st.color {
		into.Colors = grow(into.Colors, 3*nv)
	} else {
		into.Colors = into.Colors[:0]
	}
	d.grid = newGrid(h.BoundsMin, h.BoundsMax, h.PositionBits)
	d.outMax = st.maxc
	if nv < d.splitMin || runtime.GOMAXPROCS(0) == 1 {
		d.outputRange(attr, into.Positions, into.Colors)
		return
	}
	// The second half of the vertices in a second goroutine.
	if d.outHelper == nil {
		d.outHelper = func() {
			d.outputRange(d.outAttr, d.outPos, d.outCol)
			d.outDone.Done()
		}
	}
	half := nv / 2
	d.outAttr, d.outPos = attr[half:], into.Positions[3*half:]
	d.outCol = nil
	if st.color {
		d.outCol = into.Colors[3*half:]
	}
	d.outDone.Add(1)
	go d.outHelper()
	d.outputRange(attr[:half], into.Positions[:3*half], into.Colors[:min(len(into.Colors), 3*half)])
	d.outDone.Wait()
	d.outAttr, d.outPos, d.outCol = nil, nil, nil
}

// outputRange writes the positions of attr to pos and, when col is not
// empty, their colours to col, 3 per vertex each.
func (d *Decoder) outputRange(attr []vattr, pos []float32, col []uint8) {
	outputPositions(&d.grid, attr, pos)
	if len(col) > 0 {
		outputColors(attr, col, d.outMax)
	}
}

// outputPositions writes the positions of attr to pos, 3 per vertex.
func outputPositions(g *grid, attr []vattr, pos []float32) {
	pos = pos[:3*len(attr)]
	for i := range attr {
		q := &attr[i]
		p := pos[3*i : 3*i+3 : 3*i+3]
		p[0] = g.dequantize(q.p[0], 0)
		p[1] = g.dequantize(q.p[1], 1)
		p[2] = g.dequantize(q.p[2], 2)
	}
}

// outputColors writes the colours of attr, quantized to maxc, to col, 3
// per vertex.
func outputColors(attr []vattr, col []uint8, maxc int32) {
	var levels [256]uint8
	for q := int32(0); q <= maxc; q++ {
		levels[q] = dequantizeColor(q, maxc)
	}
	col = col[:3*len(attr)]
	for i := range attr {
		q := &attr[i]
		r, gr, b := fromYCoCg(q.c[0], q.c[1], q.c[2])
		c := col[3*i : 3*i+3 : 3*i+3]
		c[0] = levels[uint8(min(max(r, 0), maxc))]
		c[1] = levels[uint8(min(max(gr, 0), maxc))]
		c[2] = levels[uint8(min(max(b, 0), maxc))]
	}
}
