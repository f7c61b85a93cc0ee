package meshcodec

import (
	"fmt"

	"cloudme.dev/proto/mesh"
)

// Decoder turns streams back into meshes. It keeps its buffers between
// calls, so decoding meshes of a steady size allocates nothing beyond
// growing the destination mesh; it is not safe for concurrent use.
type Decoder struct {
	limits Limits
	br     blockReader

	packed, refsBuf []byte
	pos             [posStreams][]byte
	col             [colStreams][]byte
	pescBuf, cesc   []byte

	f          front
	npos, ncol []int32
}

// NewDecoder returns a decoder that refuses streams beyond limits; zero
// fields take the defaults (DefaultMaxVertices, DefaultMaxTriangles,
// DefaultMaxBytes).
func NewDecoder(limits Limits) *Decoder {
	return &Decoder{limits: limits.withDefaults()}
}

// decodeState is one Decode call's cursor over the decoded streams.
type decodeState struct {
	ops              []byte
	nops, op         int
	refs             reader
	pos              [posStreams]symbols
	col              [colStreams]symbols
	pesc, cescReader reader
	nv, maxv         int32
	maxc, maxq       int32
	color            bool
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
	if err := d.traverse(&st, nt); err != nil {
		return err
	}
	if st.op != st.nops || st.refs.left() != 0 {
		return fmt.Errorf("%w: %d of %d operations and %d reference bytes left over", ErrCorrupt, st.nops-st.op, st.nops, st.refs.left())
	}
	for _, s := range st.pos {
		if s.pos != len(s.b) {
			return fmt.Errorf("%w: position residuals left over", ErrCorrupt)
		}
	}
	for _, s := range st.col {
		if s.pos != len(s.b) {
			return fmt.Errorf("%w: colour residuals left over", ErrCorrupt)
		}
	}
	if st.pesc.left() != 0 || st.cescReader.left() != 0 {
		return fmt.Errorf("%w: escaped residuals left over", ErrCorrupt)
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
	st.nops = int(nops)
	npacked := (st.nops + opsPerByte - 1) / opsPerByte
	if d.packed, err = d.br.readBlock(&r, d.packed, npacked, "operations"); err != nil {
		return err
	}
	if len(d.packed) != npacked {
		return fmt.Errorf("%w: %d operation bytes, want %d", ErrCorrupt, len(d.packed), npacked)
	}
	if d.refsBuf, err = d.br.readBlock(&r, d.refsBuf, 5*4*nt, "references"); err != nil {
		return err
	}
	st.refs = reader{b: d.refsBuf}
	// All of an attribute's streams together hold one byte per component
	// of every vertex.
	left := 3 * nv
	for i := range d.pos {
		if d.pos[i], err = d.br.readBlock(&r, d.pos[i], left, "position residuals"); err != nil {
			return err
		}
		left -= len(d.pos[i])
		st.pos[i] = symbols{b: d.pos[i]}
	}
	if d.pescBuf, err = d.br.readBlock(&r, d.pescBuf, 3*3*nv, "position escapes"); err != nil {
		return err
	}
	st.pesc = reader{b: d.pescBuf}
	if st.color {
		left = 3 * nv
		for i := range d.col {
			if d.col[i], err = d.br.readBlock(&r, d.col[i], left, "colour residuals"); err != nil {
				return err
			}
			left -= len(d.col[i])
			st.col[i] = symbols{b: d.col[i]}
		}
		if d.cesc, err = d.br.readBlock(&r, d.cesc, 3*3*nv, "colour escapes"); err != nil {
			return err
		}
		st.cescReader = reader{b: d.cesc}
	}
	if r.left() != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, r.left())
	}
	st.ops = d.packed
	return nil
}

func (d *Decoder) traverse(st *decodeState, nt int) error {
	nc := 3 * nt
	d.f.reset(nc)
	d.npos = grow(d.npos, 3*int(st.maxv))
	if st.color {
		d.ncol = grow(d.ncol, 3*int(st.maxv))
	}
	for {
		if g, ok := d.f.nextGate(); ok {
			if err := d.cross(st, g, nc); err != nil {
				return err
			}
			continue
		}
		if len(d.f.vert) == nc {
			break
		}
		if err := d.seed(st); err != nil {
			return err
		}
	}
	for st.nv < st.maxv {
		if err := d.newVertex(st, predictFromPrevious(d.npos, d.ncol, st.nv)); err != nil {
			return err
		}
	}
	return nil
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

func (st *decodeState) nextOp() (byte, error) {
	if st.op >= st.nops {
		return 0, fmt.Errorf("%w: operations ended early", ErrCorrupt)
	}
	b := st.ops[st.op/opsPerByte]
	if int(b) >= len(opUnpack) {
		return 0, fmt.Errorf("%w: operation byte %d", ErrCorrupt, b)
	}
	op := opUnpack[b][st.op%opsPerByte]
	st.op++
	return op, nil
}

func (d *Decoder) newVertex(st *decodeState, p prediction) error {
	if st.nv >= st.maxv {
		return fmt.Errorf("%w: more than %d vertices", ErrCorrupt, st.maxv)
	}
	id := 3 * st.nv
	for a := 0; a < 3; a++ {
		r, err := st.pos[posStream(int32(a), p.pctx[a])].next(&st.pesc)
		if err != nil {
			return err
		}
		q := p.pos[a] + r
		if q < 0 || q > st.maxq {
			return fmt.Errorf("%w: position %d outside the grid", ErrCorrupt, q)
		}
		d.npos[id+int32(a)] = q
	}
	if st.color {
		for a := 0; a < 3; a++ {
			r, err := st.col[colStream(int32(a), p.cctx[a])].next(&st.cescReader)
			if err != nil {
				return err
			}
			q := p.col[a] + r
			if q < -st.maxc || q > st.maxc {
				return fmt.Errorf("%w: colour component %d out of range", ErrCorrupt, q)
			}
			d.ncol[id+int32(a)] = q
		}
	}
	st.nv++
	return nil
}

func (d *Decoder) seed(st *decodeState) error {
	var ids [3]int32
	for i := range ids {
		r, err := st.refs.uvarint()
		if err != nil {
			return fmt.Errorf("seed reference: %w", err)
		}
		ids[i] = st.nv
		if r == 0 {
			if err := d.newVertex(st, predictFromPrevious(d.npos, d.ncol, st.nv)); err != nil {
				return err
			}
		} else {
			if r > uint64(st.nv) {
				return fmt.Errorf("%w: reference %d back from vertex %d", ErrCorrupt, r, st.nv)
			}
			ids[i] = st.nv - int32(r)
		}
	}
	d.f.addSeed(ids[0], ids[1], ids[2])
	return nil
}

func (d *Decoder) cross(st *decodeState, g int32, nc int) error {
	f := &d.f
	op, err := st.nextOp()
	if err != nil {
		return err
	}
	if op == opB {
		f.setBoundary(g)
		return nil
	}
	if len(f.vert) >= nc {
		return fmt.Errorf("%w: more than %d triangles", ErrCorrupt, nc/3)
	}
	a, b, c := f.start(g), f.end(g), f.vert[g]
	p, n := f.lprev[g], f.lnext[g]
	switch op {
	case opC:
		tip := st.nv
		if err := d.newVertex(st, predictAcross(d.npos, d.ncol, a, b, c, st.maxq, st.maxc, st.color)); err != nil {
			return err
		}
		f.applyC(g, f.attach(g, tip))
	case opL:
		if !f.canL(g) {
			return fmt.Errorf("%w: no left edge to join", ErrCorrupt)
		}
		f.applyL(g, f.attach(g, f.start(p)))
	case opR:
		if !f.canR(g) {
			return fmt.Errorf("%w: no right edge to join", ErrCorrupt)
		}
		f.applyR(g, f.attach(g, f.end(n)))
	case opE:
		if !f.canE(g) {
			return fmt.Errorf("%w: no edges to join on both sides", ErrCorrupt)
		}
		f.applyE(g, f.attach(g, f.start(p)))
	case opS:
		return d.split(st, g)
	default:
		return fmt.Errorf("%w: operation %d", ErrCorrupt, op)
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
		f.applyFree(g, f.attach(g, st.nv-int32(j)))
		return nil
	}
	from := f.lnext[g]
	if kind == 1 {
		from = f.lprev[g]
	}
	in, ok := f.walk(from, j, kind == 0)
	if !ok {
		return fmt.Errorf("%w: split reference %d walks too far", ErrCorrupt, j)
	}
	if !f.splitOK(g, in) {
		return fmt.Errorf("%w: split reference %d lands on a bad edge", ErrCorrupt, j)
	}
	f.applySplit(g, f.attach(g, f.end(in)), in)
	return nil
}

func (d *Decoder) output(h *Header, st *decodeState, into *mesh.Mesh) {
	nv := int(st.maxv)
	g := newGrid(h.BoundsMin, h.BoundsMax, h.PositionBits)
	into.Positions = grow(into.Positions, 3*nv)
	for i := 0; i < 3*nv; i += 3 {
		into.Positions[i] = g.dequantize(d.npos[i], 0)
		into.Positions[i+1] = g.dequantize(d.npos[i+1], 1)
		into.Positions[i+2] = g.dequantize(d.npos[i+2], 2)
	}
	if st.color {
		var levels [256]uint8
		for q := int32(0); q <= st.maxc; q++ {
			levels[q] = dequantizeColor(q, st.maxc)
		}
		into.Colors = grow(into.Colors, 3*nv)
		for i := 0; i < 3*nv; i += 3 {
			r, gr, b := fromYCoCg(d.ncol[i], d.ncol[i+1], d.ncol[i+2])
			into.Colors[i] = levels[uint8(min(max(r, 0), st.maxc))]
			into.Colors[i+1] = levels[uint8(min(max(gr, 0), st.maxc))]
			into.Colors[i+2] = levels[uint8(min(max(b, 0), st.maxc))]
		}
	} else {
		into.Colors = into.Colors[:0]
	}
	into.Indices = grow(into.Indices, len(d.f.vert))
	for i, v := range d.f.vert {
		into.Indices[i] = uint32(v)
	}
}
