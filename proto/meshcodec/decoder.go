package meshcodec

import (
	"encoding/binary"
	"fmt"
	"math/bits"
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

	packed, ops, refsBuf, seamBuf []byte
	pos, col                      residualStreams // both parts' streams

	nparts int
	parts  [2]partDecoder
	// Two parts: the first part's triangle and vertex counts, its share
	// of each stream, and the seam: by increasing id in the second part,
	// its vertices that are the first's, and their ids there.
	nt1, n1    int32
	share      partShare
	seamLocal  []int32
	seamGlobal []int32
	remap      []uint32 // the second part's ids -> the mesh's

	// splitMin is the vertex count from which Decode uses a second
	// goroutine, when GOMAXPROCS allows: for a stream of two parts, it
	// decodes the second; for one part, outHelper writes the second half
	// of the vertices, outAttr's to outPos and outCol. grid and outMax
	// are the stream's quantization.
	splitMin   int
	outHelper  func()
	partHelper func()
	outDone    sync.WaitGroup
	outAttr    []vattr
	outPos     []float32
	outCol     []uint8
	into       *mesh.Mesh
	grid       grid
	outMax     int32
	// The position blocks' decoding in a second goroutine: posHelper
	// reads them from posR with posBR, at most posMax residuals, into pos,
	// while the caller reads the colour blocks, which take longer.
	posHelper func()
	posR      reader
	posBR     blockReader
	posMax    int
	posErr    error
	// Each axis's coordinates by grid step, when deqOK.
	deq   [3][]float32
	deqOK bool
}

// partShare is the first of two parts' share of the streams: its operation
// count and the lengths of its bytes in each stream.
type partShare struct {
	ops, refs, pesc, cesc int
	pos, col              [3 * numContexts]int
}

// partDecoder decodes one part: the whole mesh, or one of two.
type partDecoder struct {
	f     front
	n     int32   // corners decoded so far
	sweep int32   // every corner before it is closed
	attr  []vattr // quantized attributes by the part's vertex ids

	packed   []byte // the operations, three to a byte
	ops      []byte // unpacked, one per gate crossed
	op       int
	refs     reader
	pos, col residualStreams
	nv, maxv int32
	// ids, for the second of two parts, maps the part's vertex ids, in
	// decoding order, to the mesh's (see Decoder.remap): the traversal
	// writes the mesh's ids into vert and keeps attributes at them, in
	// attr of nattr entries. nil for the first part and a whole mesh,
	// whose ids are the mesh's.
	ids        []uint32
	nattr      int32
	maxc, maxq int32
	color      bool
	err        error // the second part's, decoded in a second goroutine
}

// defaultDecodeSplitMin is Decoder.splitMin's default.
const defaultDecodeSplitMin = 8192

// NewDecoder returns a decoder that refuses streams beyond limits; zero
// fields take the defaults (DefaultMaxVertices, DefaultMaxTriangles,
// DefaultMaxBytes).
func NewDecoder(limits Limits) *Decoder {
	return &Decoder{limits: limits.withDefaults(), splitMin: defaultDecodeSplitMin}
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
	if h.Version < FormatVersion {
		return fmt.Errorf("%w: mesh stream format version %d is older than this decoder's (%d): update the encoder",
			ErrVersion, h.Version, FormatVersion)
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
	r := reader{b: data[headerSize:]}
	if err := d.readParts(&r, &h); err != nil {
		return err
	}
	if err := d.readStreams(&r, &h); err != nil {
		return err
	}
	into.Indices = grow(into.Indices, 3*nt)
	into.Positions = grow(into.Positions, 3*nv)
	if h.HasColors() {
		into.Colors = grow(into.Colors, 3*nv)
	} else {
		into.Colors = into.Colors[:0]
	}
	d.grid = newGrid(h.BoundsMin, h.BoundsMax, h.PositionBits)
	d.outMax = d.parts[0].maxc
	// With many vertices on a coarse grid, each axis's coordinates come
	// from a table of grid.dequantize's values, made once per stream.
	d.deqOK = d.grid.maxq < maxDeqTable && nv >= 2*int(d.grid.maxq)
	if d.deqOK {
		for a := range d.deq {
			t := grow(d.deq[a], int(d.grid.maxq)+1)
			d.deq[a] = t
			for q := range t {
				t[q] = d.grid.dequantize(int32(q), a)
			}
		}
	}
	if d.nparts == 1 {
		if err := d.parts[0].decode(into.Indices); err != nil {
			return err
		}
		d.output(d.parts[0].attr[:nv], into)
		return nil
	}
	if nv < d.splitMin || runtime.GOMAXPROCS(0) == 1 {
		if err := d.decodeFirst(into); err != nil {
			return err
		}
		return d.decodeSecond(into)
	}
	// The second part, which takes longer (the seam), in the caller;
	// the first in the goroutine, which starts later.
	if d.partHelper == nil {
		d.partHelper = func() {
			d.parts[0].err = d.decodeFirst(d.into)
			d.outDone.Done()
		}
	}
	d.into = into
	d.outDone.Add(1)
	go d.partHelper()
	err = d.decodeSecond(into)
	d.outDone.Wait()
	d.into = nil
	if d.parts[0].err != nil {
		return d.parts[0].err
	}
	return err
}

// decodeFirst decodes the first of two parts and writes its vertices.
func (d *Decoder) decodeFirst(into *mesh.Mesh) error {
	p := &d.parts[0]
	if err := p.decode(into.Indices[:3*d.nt1]); err != nil {
		return err
	}
	n := int(d.n1)
	d.outputRange(p.attr[:n], into.Positions[:3*n], into.Colors[:min(len(into.Colors), 3*n)])
	return nil
}

// decodeSecond decodes the second of two parts, with the mesh's vertex
// ids, and writes its vertices but the seam's.
func (d *Decoder) decodeSecond(into *mesh.Mesh) error {
	p := &d.parts[1]
	// The second part's vertices but the seam's follow the first's.
	remap := grow(d.remap, int(p.maxv))
	d.remap = remap
	j, next := 0, uint32(d.n1)
	for k := range remap {
		if j < len(d.seamLocal) && d.seamLocal[j] == int32(k) {
			remap[k] = uint32(d.seamGlobal[j])
			j++
			continue
		}
		remap[k] = next
		next++
	}
	p.ids = remap
	if err := p.decode(into.Indices[3*d.nt1:]); err != nil {
		return err
	}
	nv := len(into.Positions) / 3
	col := into.Colors
	if len(col) > 0 {
		col = col[3*d.n1:]
	}
	d.outputRange(p.attr[d.n1:nv], into.Positions[3*d.n1:], col)
	return nil
}

// readParts reads the part count and, for two parts, the first part's
// counts, the seam and the first part's share of each stream.
func (d *Decoder) readParts(r *reader, h *Header) error {
	nparts, err := r.byte()
	if err != nil {
		return fmt.Errorf("part count: %w", err)
	}
	if nparts != 1 && nparts != 2 {
		return fmt.Errorf("%w: %d parts", ErrCorrupt, nparts)
	}
	d.nparts = int(nparts)
	nv, nt := int64(h.VertexCount), int64(h.TriangleCount)
	for i := range d.parts {
		p := &d.parts[i]
		*p = partDecoder{f: p.f, attr: p.attr,
			color: h.HasColors(), maxq: int32(1)<<h.PositionBits - 1}
		if p.color {
			p.maxc = int32(1)<<h.ColorBits - 1
		}
	}
	d.parts[0].maxv, d.parts[0].nattr = int32(nv), int32(nv)
	if nparts == 1 {
		return nil
	}
	var c [3]uint64
	for i := range c {
		if c[i], err = r.uvarint(); err != nil {
			return fmt.Errorf("part counts: %w", err)
		}
	}
	nt1, n1, nseam := c[0], c[1], c[2]
	if nt1 > uint64(nt) || n1 > uint64(nv) || nseam > n1 {
		return fmt.Errorf("%w: a first part of %d triangles, %d vertices and %d seam vertices in %d and %d", ErrCorrupt, nt1, n1, nseam, nt, nv)
	}
	d.nt1, d.n1 = int32(nt1), int32(n1)
	n2 := int32(nv) - d.n1 + int32(nseam)
	d.parts[0].maxv, d.parts[1].maxv = d.n1, n2
	d.parts[0].nattr, d.parts[1].nattr = d.n1, int32(nv)
	if d.seamBuf, err = d.br.readBlock(r, d.seamBuf[:0], 2*10*int(nseam), "seam"); err != nil {
		return err
	}
	d.seamLocal, d.seamGlobal = grow(d.seamLocal, int(nseam)), grow(d.seamGlobal, int(nseam))
	sr := reader{b: d.seamBuf}
	local, global := int64(-1), int64(0)
	for i := range d.seamLocal {
		gap, err1 := sr.uvarint()
		z, err2 := sr.uvarint()
		if err1 != nil || err2 != nil {
			return fmt.Errorf("%w: seam entry %d", ErrCorrupt, i)
		}
		if gap >= uint64(n2) || z > 1<<32 {
			return fmt.Errorf("%w: seam entry %d out of range", ErrCorrupt, i)
		}
		local += int64(gap) + 1
		global += int64(z>>1) ^ -int64(z&1)
		if local >= int64(n2) || global < 0 || global >= int64(n1) {
			return fmt.Errorf("%w: seam entry %d out of range", ErrCorrupt, i)
		}
		d.seamLocal[i], d.seamGlobal[i] = int32(local), int32(global)
	}
	if sr.left() != 0 {
		return fmt.Errorf("%w: %d seam bytes left over", ErrCorrupt, sr.left())
	}
	d.share = partShare{}
	return d.share.read(r, h.HasColors())
}

// read reads the first part's share of the streams: its operation count,
// then the lengths of its bytes in the references, each position stream,
// the position escapes and, with colours, each colour stream and the
// colour escapes.
func (s *partShare) read(r *reader, color bool) error {
	var err error
	field := func(v *int) {
		if err != nil {
			return
		}
		var x uint64
		if x, err = r.uvarint(); err != nil {
			err = fmt.Errorf("first part's share: %w", err)
			return
		}
		if x > maxCount {
			err = fmt.Errorf("%w: first part's share of %d", ErrCorrupt, x)
			return
		}
		*v = int(x)
	}
	field(&s.ops)
	field(&s.refs)
	for i := range s.pos {
		field(&s.pos[i])
	}
	field(&s.pesc)
	if color {
		for i := range s.col {
			field(&s.col[i])
		}
		field(&s.cesc)
	}
	return err
}

// readStreams reads the streams and hands each part its share.
func (d *Decoder) readStreams(r *reader, h *Header) error {
	nt := h.TriangleCount
	nv := h.VertexCount
	nops, err := r.uvarint()
	if err != nil {
		return fmt.Errorf("operation count: %w", err)
	}
	// Every triangle but a component's first costs one operation, and
	// each of at most 3 gates per triangle at most one more (opB).
	if nops > uint64(4*nt) {
		return fmt.Errorf("%w: %d operations for %d triangles", ErrCorrupt, nops, nt)
	}
	ops1 := int(nops)
	if d.nparts == 2 {
		if uint64(d.share.ops) > nops {
			return fmt.Errorf("%w: %d of %d operations in the first part", ErrCorrupt, d.share.ops, nops)
		}
		ops1 = d.share.ops
	}
	ops2 := int(nops) - ops1
	np1 := (ops1 + opsPerByte - 1) / opsPerByte
	npacked := np1 + (ops2+opsPerByte-1)/opsPerByte
	if d.packed, err = d.br.readBlock(r, d.packed[:0], npacked, "operations"); err != nil {
		return err
	}
	if len(d.packed) != npacked {
		return fmt.Errorf("%w: %d operation bytes, want %d", ErrCorrupt, len(d.packed), npacked)
	}
	if d.refsBuf, err = d.br.readBlock(r, d.refsBuf[:0], 5*4*nt, "references"); err != nil {
		return err
	}
	// All of an attribute's streams together hold one byte per component
	// of every vertex (seam vertices twice), and its escapes at most 3
	// bytes per component.
	nvc := nv + len(d.seamLocal)
	if d.nparts == 1 {
		nvc = nv
	}
	color := h.HasColors()
	read := false
	if color && nv >= d.splitMin && runtime.GOMAXPROCS(0) > 1 {
		// The position blocks in a second goroutine, the colour blocks
		// from where they end (found by their framing alone).
		d.posR = *r
		if skipBlocks(r, posStreams+1) == nil {
			if d.posHelper == nil {
				d.posHelper = func() {
					d.posErr = d.pos.read(&d.posR, &d.posBR, d.posMax, 3*d.posMax, [2]string{"position residuals", "position escapes"})
					d.outDone.Done()
				}
			}
			d.posMax = 3 * nvc
			d.outDone.Add(1)
			go d.posHelper()
			err := d.col.read(r, &d.br, 3*nvc, 3*3*nvc, [2]string{"colour residuals", "colour escapes"})
			d.outDone.Wait()
			if d.posErr != nil {
				return d.posErr
			}
			if err != nil {
				return err
			}
			read = true
		} else {
			*r = d.posR
		}
	}
	if !read {
		if err := d.pos.read(r, &d.br, 3*nvc, 3*3*nvc, [2]string{"position residuals", "position escapes"}); err != nil {
			return err
		}
		if color {
			if err := d.col.read(r, &d.br, 3*nvc, 3*3*nvc, [2]string{"colour residuals", "colour escapes"}); err != nil {
				return err
			}
		}
	}
	if r.left() != 0 {
		return fmt.Errorf("%w: %d trailing bytes", ErrCorrupt, r.left())
	}
	// Each part unpacks its own operations (decode).
	d.ops = grow(d.ops, opsPerByte*npacked)
	p0, p1 := &d.parts[0], &d.parts[1]
	if d.nparts == 1 {
		p0.packed = d.packed
		p0.ops = d.ops[:nops]
		p0.refs = reader{b: d.refsBuf}
		p0.pos = d.pos.view(0, nil, 0)
		if color {
			p0.col = d.col.view(0, nil, 0)
		}
		return nil
	}
	s := &d.share
	p0.packed, p1.packed = d.packed[:np1], d.packed[np1:]
	p0.ops = d.ops[:ops1]
	p1.ops = d.ops[opsPerByte*np1 : opsPerByte*np1+ops2]
	if s.refs > len(d.refsBuf) {
		return fmt.Errorf("%w: first part's references of %d bytes in %d", ErrCorrupt, s.refs, len(d.refsBuf))
	}
	p0.refs, p1.refs = reader{b: d.refsBuf[:s.refs]}, reader{b: d.refsBuf[s.refs:]}
	if !d.pos.fits(&s.pos, s.pesc) || (color && !d.col.fits(&s.col, s.cesc)) {
		return fmt.Errorf("%w: first part's share of the residuals too long", ErrCorrupt)
	}
	p0.pos, p1.pos = d.pos.view(0, &s.pos, s.pesc), d.pos.view(1, &s.pos, s.pesc)
	if color {
		p0.col, p1.col = d.col.view(0, &s.col, s.cesc), d.col.view(1, &s.col, s.cesc)
	}
	return nil
}

// decode runs the part's traversal into vert, one vertex id per corner, and
// checks that it used every operation, reference and residual.
func (p *partDecoder) decode(vert []uint32) error {
	// The unpacked operations' buffer has room for every packed byte's
	// three, of which ops takes the first len(ops).
	ops := p.ops[:opsPerByte*len(p.packed)]
	for i, b := range p.packed {
		if int(b) >= len(opUnpack) {
			return fmt.Errorf("%w: operation byte %d", ErrCorrupt, b)
		}
		o, u := ops[opsPerByte*i:opsPerByte*i+3:opsPerByte*i+3], &opUnpack[b]
		o[0], o[1], o[2] = u[0], u[1], u[2]
	}
	if err := p.traverse(vert); err != nil {
		return err
	}
	if p.op != len(p.ops) || p.refs.left() != 0 {
		return fmt.Errorf("%w: %d of %d operations and %d reference bytes left over", ErrCorrupt, len(p.ops)-p.op, len(p.ops), p.refs.left())
	}
	if !p.pos.consumed() || (p.color && !p.col.consumed()) {
		return fmt.Errorf("%w: residuals left over", ErrCorrupt)
	}
	return nil
}

func (p *partDecoder) traverse(vert []uint32) error {
	nc := int32(len(vert))
	p.f.reset(vert, int(nc))
	p.n, p.sweep = 0, 0
	p.attr = grow(p.attr, int(p.nattr))
	for {
		if err := p.run(nc); err != nil {
			return err
		}
		if p.n == nc {
			break
		}
		if err := p.seed(); err != nil {
			return err
		}
	}
	var pr prediction
	for p.nv < p.maxv {
		p.fromPrevious(&pr)
		if err := p.newVertex(&pr); err != nil {
			return err
		}
	}
	return nil
}

// run crosses gates until none is open: the next from the stack, else the
// first open corner in creation order. It is the traversal's inner loop:
// cross and the front's functions for B, C, L, R and E written out, with
// the cursors in locals, written back around the calls that use them
// (sweepGate, split).
func (p *partDecoder) run(nc int32) error {
	f := &p.f
	vert, state, loop, stack := f.vert[:nc], f.state[:nc], f.loop[:nc], f.stack
	ops, opi, sp, n := p.ops, p.op, f.sp, p.n
	for {
		g, found := int32(0), false
		for sp > 0 {
			sp--
			if g = stack[sp]; state[g] == cornerOpen {
				found = true
				break
			}
		}
		if !found {
			f.sp, p.n = sp, n
			if g, found = p.sweepGate(); !found {
				p.op = opi
				return nil
			}
		}
		if opi >= len(ops) {
			return fmt.Errorf("%w: operations ended early", ErrCorrupt)
		}
		op := ops[opi]
		opi++
		pg, ng := loop[g][0], loop[g][1]
		if op == opB {
			state[g] = cornerClosed
			if pg != g {
				loop[pg][1], loop[ng][0] = ng, pg
			}
			continue
		}
		c0 := n
		if c0 >= nc {
			return fmt.Errorf("%w: more than %d triangles", ErrCorrupt, nc/3)
		}
		// The gate's ends, a = start(g) and b = end(g).
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
			if err := p.vertexAcross(a, b, vert[g]); err != nil {
				return err
			}
			tip = p.gid(p.nv - 1)
		case opL: // canL, and the tip is start(pg)
			if pg == g || pg == ng {
				return fmt.Errorf("%w: no left edge to join", ErrCorrupt)
			}
			tip = vert[next(pg)]
		case opR: // canR, and the tip is end(ng)
			if ng == g || ng == pg {
				return fmt.Errorf("%w: no right edge to join", ErrCorrupt)
			}
			tip = vert[prev(ng)]
		case opE: // canE
			if pg == g || ng == g || pg == ng || vert[next(pg)] != vert[prev(ng)] {
				return fmt.Errorf("%w: no edges to join on both sides", ErrCorrupt)
			}
			tip = vert[next(pg)]
		case opS:
			f.sp, p.n, p.op = sp, n, opi
			if err := p.split(g); err != nil {
				return err
			}
			sp, n, opi = f.sp, p.n, p.op
			continue
		default:
			return fmt.Errorf("%w: operation %d", ErrCorrupt, op)
		}
		// attach: the triangle (tip, b, a) as corners c0, c1, c2.
		*(*[3]uint32)(vert[c0:]) = [3]uint32{tip, b, a}
		n = c0 + 3
		c1, c2 := c0+1, c0+2
		state[g] = cornerClosed
		*(*[3]uint8)(state[c0:]) = [3]uint8{cornerClosed, cornerOpen, cornerOpen}
		switch op {
		case opC: // applyC
			loop[pg][1] = c1
			ng = loop[g][1]
			loop[c1] = [2]int32{pg, c2}
			loop[c2] = [2]int32{c1, ng}
			loop[ng][0] = c2
			stack[sp] = c2
			sp++
		case opL: // applyL
			state[c1], state[pg] = cornerClosed, cornerClosed
			pp := loop[pg][0]
			loop[pp][1] = c2
			loop[c2] = [2]int32{pp, ng}
			loop[ng][0] = c2
			stack[sp] = c2
			sp++
		case opR: // applyR
			state[c2], state[ng] = cornerClosed, cornerClosed
			nn := loop[ng][1]
			loop[pg][1] = c1
			loop[c1] = [2]int32{pg, nn}
			loop[nn][0] = c1
			stack[sp] = c1
			sp++
		default: // applyE
			state[c1], state[pg] = cornerClosed, cornerClosed
			state[c2], state[ng] = cornerClosed, cornerClosed
			if pp := loop[pg][0]; pp != ng {
				nn := loop[ng][1]
				loop[pp][1], loop[nn][0] = nn, pp
			}
		}
	}
}

// sweepGate returns the first open corner in creation order, looking at
// eight states at a time.
func (p *partDecoder) sweepGate() (int32, bool) {
	state := p.f.state[:p.n]
	k := int(p.sweep)
	for ; k+8 <= len(state); k += 8 {
		// A byte of x is 0 where the state is cornerOpen (1): the
		// lowest such byte sets bit 7 of its byte in z (bytes above a
		// zero byte may too, never those below).
		x := binary.LittleEndian.Uint64(state[k:]) ^ 0x0101010101010101
		if z := (x - 0x0101010101010101) &^ x & 0x8080808080808080; z != 0 {
			k += bits.TrailingZeros64(z) >> 3
			p.sweep = int32(k)
			return int32(k), true
		}
	}
	for ; k < len(state); k++ {
		if state[k] == cornerOpen {
			p.sweep = int32(k)
			return int32(k), true
		}
	}
	p.sweep = p.n
	return 0, false
}

// gid is the mesh's id of the part's vertex k.
func (p *partDecoder) gid(k int32) uint32 {
	if p.ids == nil {
		return uint32(k)
	}
	return p.ids[k]
}

// fromPrevious predicts the next vertex from the one decoded before it.
func (p *partDecoder) fromPrevious(pr *prediction) {
	if p.nv == 0 {
		pr.fromPrevious(nil)
		return
	}
	pr.fromPrevious(&p.attr[p.gid(p.nv-1)])
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

// newVertex decodes the next vertex's residuals against pr: the vertices
// that start a component or that no triangle uses, and those whose
// residuals vertexAcross cannot read on its fast path.
func (p *partDecoder) newVertex(pr *prediction) error {
	if p.nv >= p.maxv {
		return fmt.Errorf("%w: more than %d vertices", ErrCorrupt, p.maxv)
	}
	q := &p.attr[p.gid(p.nv)]
	for a := range 3 {
		r, err := p.pos.next(posStream(a, pr.pctx[a]))
		if err != nil {
			return err
		}
		v := pr.pos[a] + r
		if uint32(v) > uint32(p.maxq) {
			return fmt.Errorf("%w: position %d outside the grid", ErrCorrupt, v)
		}
		q.p[a] = v
	}
	if p.color {
		for a := range 3 {
			r, err := p.col.next(colStream(a, pr.cctx[a]))
			if err != nil {
				return err
			}
			v := pr.col[a] + r
			if uint32(v+p.maxc) > uint32(2*p.maxc) {
				return fmt.Errorf("%w: colour component %d out of range", ErrCorrupt, v)
			}
			q.c[a] = v
		}
	}
	p.nv++
	return nil
}

// vertexAcross decodes the tip across the gate a->b of triangle (a, b, c):
// newVertex with prediction.across, written out with the components in
// registers, since it runs for nearly every vertex. Escapes are read after
// the plain values, in component order, as newVertex reads them.
func (p *partDecoder) vertexAcross(ia, ib, ic uint32) error {
	if p.nv >= p.maxv {
		return fmt.Errorf("%w: more than %d vertices", ErrCorrupt, p.maxv)
	}
	attr := p.attr
	a, b, c, q := &attr[ia], &attr[ib], &attr[ic], &attr[p.gid(p.nv)]
	maxq := p.maxq
	rs := &p.pos
	s0 := posStream(0, spread(a.p[0]-b.p[0]))
	s1 := posStream(1, spread(a.p[1]-b.p[1]))
	s2 := posStream(2, spread(a.p[2]-b.p[2]))
	x, ok0 := rs.add(s0, min(max(a.p[0]+b.p[0]-c.p[0], 0), maxq))
	y, ok1 := rs.add(s1, min(max(a.p[1]+b.p[1]-c.p[1], 0), maxq))
	z, ok2 := rs.add(s2, min(max(a.p[2]+b.p[2]-c.p[2], 0), maxq))
	if !(ok0 && ok1 && ok2) {
		return p.slowVertex(a, b, c, false)
	}
	if uint32(x) > uint32(maxq) || uint32(y) > uint32(maxq) || uint32(z) > uint32(maxq) {
		return fmt.Errorf("%w: position outside the grid", ErrCorrupt)
	}
	if p.color {
		maxc := p.maxc
		rs := &p.col
		s0 := colStream(0, spread(a.c[0]-b.c[0]))
		s1 := colStream(1, spread(a.c[1]-b.c[1]))
		s2 := colStream(2, spread(a.c[2]-b.c[2]))
		cy, ok0 := rs.add(s0, (a.c[0]+b.c[0])>>1)
		co, ok1 := rs.add(s1, (a.c[1]+b.c[1])>>1)
		cg, ok2 := rs.add(s2, (a.c[2]+b.c[2])>>1)
		if !(ok0 && ok1 && ok2) {
			return p.slowVertex(a, b, c, true)
		}
		if uint32(cy+maxc) > uint32(2*maxc) || uint32(co+maxc) > uint32(2*maxc) || uint32(cg+maxc) > uint32(2*maxc) {
			return fmt.Errorf("%w: colour component out of range", ErrCorrupt)
		}
		q.c = [3]int32{cy, co, cg}
	}
	q.p = [3]int32{x, y, z}
	p.nv++
	return nil
}

// slowVertex undoes vertexAcross's reads, of the positions and, when
// colours is set, of the colours, and decodes the vertex again with
// newVertex, which reads escapes. The components of one attribute are in
// different streams, so each read is undone by stepping its stream back.
func (p *partDecoder) slowVertex(a, b, c *vattr, colours bool) error {
	var pr prediction
	pr.across(a, b, c, p.maxq, p.color)
	for i := range 3 {
		p.pos.cur[posStream(i, pr.pctx[i])]--
		if colours {
			p.col.cur[colStream(i, pr.cctx[i])]--
		}
	}
	return p.newVertex(&pr)
}

func (p *partDecoder) seed() error {
	c0 := p.n
	for i := range int32(3) {
		r, err := p.refs.uvarint()
		if err != nil {
			return fmt.Errorf("seed reference: %w", err)
		}
		id := p.nv
		if r == 0 {
			var pr prediction
			p.fromPrevious(&pr)
			if err := p.newVertex(&pr); err != nil {
				return err
			}
		} else {
			if r > uint64(p.nv) {
				return fmt.Errorf("%w: reference %d back from vertex %d", ErrCorrupt, r, p.nv)
			}
			id = p.nv - int32(r)
		}
		p.f.vert[c0+i] = p.gid(id)
	}
	p.n += 3
	p.f.addSeed(c0)
	return nil
}

// attach adds the triangle (tip, b, a) across gate g (edge a->b) as the
// next three corners, which it returns.
func (p *partDecoder) attach(g int32, tip uint32) (c0, c1, c2 int32) {
	f := &p.f
	c0, c1, c2 = p.n, p.n+1, p.n+2
	p.n += 3
	f.vert[c0], f.vert[c1], f.vert[c2] = tip, f.end(g), f.start(g)
	f.attach(g, c0, c1, c2)
	return c0, c1, c2
}

// split decodes the reference of an S triangle across g.
func (p *partDecoder) split(g int32) error {
	f := &p.f
	r, err := p.refs.uvarint()
	if err != nil {
		return fmt.Errorf("split reference: %w", err)
	}
	j, kind := r/3, r%3
	if kind == 2 {
		if j == 0 || j > uint64(p.nv) {
			return fmt.Errorf("%w: reference %d back from vertex %d", ErrCorrupt, j, p.nv)
		}
		_, c1, c2 := p.attach(g, p.gid(p.nv-int32(j)))
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
	_, c1, c2 := p.attach(g, f.end(in))
	f.applySplit(g, c1, c2, in)
	return nil
}

// output writes the vertices of a stream of one part, the second half in a
// second goroutine when there are enough of them.
func (d *Decoder) output(attr []vattr, into *mesh.Mesh) {
	nv := len(attr)
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
	if len(into.Colors) > 0 {
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
	if d.deqOK {
		outputPositionsTable(&d.deq, d.grid.maxq, attr, pos)
	} else {
		outputPositions(&d.grid, attr, pos)
	}
	if len(col) > 0 {
		outputColors(attr, col, d.outMax)
	}
}

// maxDeqTable bounds the grids whose coordinates the decoder tabulates
// (12 bits: 3 tables of 16 KiB).
const maxDeqTable = 1 << 12

// outputPositionsTable is outputPositions with each axis's values from a
// table of maxq+1 entries (d.deq).
func outputPositionsTable(deq *[3][]float32, maxq int32, attr []vattr, pos []float32) {
	pos = pos[:3*len(attr)]
	tx, ty, tz := deq[0][:maxq+1], deq[1][:maxq+1], deq[2][:maxq+1]
	for i := range attr {
		q := &attr[i]
		p := pos[3*i : 3*i+3 : 3*i+3]
		p[0], p[1], p[2] = tx[q.p[0]], ty[q.p[1]], tz[q.p[2]]
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
