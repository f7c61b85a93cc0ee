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

// defaultPartMin is Encoder.partMin's default: from this many triangles a
// mesh is coded as two parts, whose traversals run on two cores on both
// sides. The seam costs bytes (its vertices are coded in both parts, and
// the second part says which of its vertices are the first's): about 2 %
// at 100k triangles, 3 % at 20k, where it would make the synthetic person
// larger than Draco's default; small meshes, fast anyway, stay in one.
const defaultPartMin = 32768

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
	bw   blockWriter

	// splitMin is the triangle count from which Encode uses a second
	// goroutine, when GOMAXPROCS allows: below it, starting one costs more
	// than it saves. partMin is the triangle count from which the mesh is
	// coded as two parts (the stream does not depend on GOMAXPROCS).
	splitMin, partMin int
	quant             func() // quantize of m, lo and hi, made once
	m                 *mesh.Mesh

	// The last streams' coding in a second goroutine: tailHelper, made
	// once so that starting it allocates nothing, codes those from
	// tailFrom on (see appendTail) with tailBW into tailOut.
	tailHelper func()
	tailDone   sync.WaitGroup
	tailFrom   int
	tailBW     blockWriter
	tailOut    []byte
	tailCat    []byte // tailHelper's concatenation of both parts' streams
	cat        []byte // the caller's

	hasColor bool
	grid     grid
	levels   [256]int32 // 8-bit colour channel -> quantized
	attr     []vattr    // quantized attributes, input order

	// Two parts: the triangles of each (input vertex ids), the input
	// vertices that the first uses (1) or not (0), the triangles' keys
	// along the cut and their histograms (one per goroutine), the cut, and
	// the second goroutine, which runs partHelper for step.
	nparts     int
	parts      [2]partEncoder
	idx        [2][]uint32
	used       []uint8
	keys       []uint16
	hist       [2][cutBins]int32
	cutAxis    uint32
	cutBase    float32
	cutScale   float32
	cut        uint16
	cutCount   int32 // triangles of the first part
	partHelper func()
	step       int
	scans      [2]meshScan // check's, one per goroutine
	partDone   sync.WaitGroup
	quantDone  sync.WaitGroup
	pack       []byte
}

// partEncoder runs the traversal of one part: the whole mesh, or one of
// two halves.
type partEncoder struct {
	attr     []vattr // the encoder's, input order
	maxq     int32
	hasColor bool
	// role is the part's: roleWhole, roleFirst or roleSecond. In the
	// second of two parts, mask is the encoder's used: vertices that the
	// first part uses too (1) are listed in seam, and vertices of neither
	// part are coded after the traversal.
	role uint8
	mask []uint8

	idx     []uint32
	adj     adjacency
	f       front
	created []int32 // input corners in the order the decoder creates them
	sweep   int     // every corner of created before it is closed
	vmap    []int32 // input vertex -> decoded id in this part, or -1
	nv      int32   // vertices decoded so far
	last    *vattr  // the vertex decoded last, nil before the first
	seam    []int32 // input vertices of this part that the other part has, by id

	ops, refs  []byte
	pos        [posStreams][]byte // by posStream
	col        [colStreams][]byte // by colStream
	pesc, cesc []byte
}

// Part roles.
const (
	roleWhole  = iota // the only part
	roleFirst         // the first of two
	roleSecond        // the second of two
)

// NewEncoder returns an encoder with opts; zero fields take the defaults.
func NewEncoder(opts Options) (*Encoder, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Encoder{opts: o, splitMin: defaultSplitMin, partMin: defaultPartMin}, nil
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
	lo, hi, err := e.check(m)
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
	e.grid = newGrid(lo, hi, e.opts.PositionBits)
	e.attr = grow(e.attr, nv)
	if e.hasColor {
		maxc := int32(1)<<e.opts.ColorBits - 1
		for c := range e.levels {
			e.levels[c] = quantizeColor(uint8(c), maxc)
		}
	}
	for i := range e.parts {
		p := &e.parts[i]
		p.attr, p.maxq, p.hasColor, p.mask, p.role = e.attr, e.grid.maxq, e.hasColor, nil, roleWhole
	}
	split := nt >= e.splitMin && runtime.GOMAXPROCS(0) > 1
	e.nparts = 1
	if nt >= e.partMin && e.encodeParts(m, lo, hi, split) {
		e.nparts = 2
	} else {
		// Quantization and the adjacency do not depend on each other:
		// with two cores, the first runs beside the adjacency's
		// counting, whose work is shared by two goroutines.
		p := &e.parts[0]
		p.idx, p.role = m.Indices, roleWhole
		e.m = m
		if e.quant == nil {
			e.quant = func() { e.quantize(e.m, 0, e.m.VertexCount()) }
		}
		p.adj.build(m.Indices, nv, split, e.quant)
		e.m = nil
		p.traverse(nv)
	}
	return e.appendPayload(dst, split), nil
}

// check is checkMesh, the second half of the vertices and indices scanned
// by the second goroutine when the mesh will be coded as two parts by two.
func (e *Encoder) check(m *mesh.Mesh) (lo, hi [3]float32, err error) {
	nt := len(m.Indices) / 3
	if nt < e.partMin || nt < e.splitMin || runtime.GOMAXPROCS(0) == 1 || !shapeOK(m) {
		return checkMesh(m)
	}
	if e.partHelper == nil {
		e.partHelper = e.secondPart
	}
	e.m, e.step = m, 0
	e.partDone.Add(1)
	go e.partHelper()
	e.scans[0].scan(m, 0, m.VertexCount()/2, 0, 3*(nt/2))
	e.partDone.Wait()
	e.m = nil
	e.scans[0].merge(&e.scans[1])
	return e.scans[0].result(m)
}

// cutBins is the resolution of the histogram that places the cut between
// two parts.
const cutBins = 1024

// encodeParts codes m as two parts of about the same size, cut by a plane
// across the longest side of the bounding box at the triangles' median
// along it (by their first vertex), and runs their traversals, the second
// in a second goroutine when split is set. It reports false, having done
// nothing else, when one part would be empty.
//
// Each goroutine keys half the triangles; then, the cut known, each picks
// its part's triangles (the second also marks the vertices of the first),
// quantizes half the vertices and builds its part's adjacency before it
// waits for the other (the traversals need all the vertices quantized).
func (e *Encoder) encodeParts(m *mesh.Mesh, lo, hi [3]float32, split bool) bool {
	axis := 0
	for a := 1; a < 3; a++ {
		if hi[a]-lo[a] > hi[axis]-lo[axis] {
			axis = a
		}
	}
	extent := hi[axis] - lo[axis]
	if !(extent > 0) {
		return false
	}
	nt, nv := m.TriangleCount(), m.VertexCount()
	e.cutAxis, e.cutBase, e.cutScale = uint32(axis), lo[axis], (cutBins-1)/extent
	e.keys = grow(e.keys, nt)
	e.m = m
	if split {
		if e.partHelper == nil {
			e.partHelper = e.secondPart
		}
		e.step = 1
		e.partDone.Add(1)
		go e.partHelper()
		e.cutKeys(0, nt/2, &e.hist[0])
		e.partDone.Wait()
	} else {
		e.cutKeys(0, nt, &e.hist[0])
		clear(e.hist[1][:])
	}
	if !e.findCut() {
		e.m = nil
		return false
	}
	e.parts[0].role = roleFirst
	e.parts[1].role = roleSecond
	e.used = grow(e.used, nv)
	e.parts[1].mask = e.used
	if !split {
		e.fillPart(0)
		e.fillPart(1)
		e.quantize(m, 0, nv)
		for i := range e.parts {
			p := &e.parts[i]
			p.adj.build(p.idx, nv, false, nil)
			p.traverse(nv)
		}
		e.m = nil
		return true
	}
	e.step = 2
	e.quantDone.Add(2)
	e.partDone.Add(1)
	go e.partHelper()
	e.fillPart(0)
	e.quantize(m, 0, nv/2)
	e.quantDone.Done()
	p := &e.parts[0]
	p.adj.build(p.idx, nv, false, nil)
	e.quantDone.Wait()
	p.traverse(nv)
	e.partDone.Wait()
	e.m = nil
	return true
}

// secondPart is the second goroutine's share of encodeParts' step.
func (e *Encoder) secondPart() {
	m := e.m
	nt, nv := m.TriangleCount(), m.VertexCount()
	switch e.step {
	case 0:
		e.scans[1].scan(m, nv/2, nv, 3*(nt/2), 3*nt)
	case 1:
		e.cutKeys(nt/2, nt, &e.hist[1])
	case 2:
		e.fillPart(1)
		e.quantize(m, nv/2, nv)
		e.quantDone.Done()
		p := &e.parts[1]
		p.adj.build(p.idx, nv, false, nil)
		e.quantDone.Wait()
		p.traverse(nv)
	}
	e.partDone.Done()
}

// cutKeys keys the triangles from to to-1 of e.m by the bin of their first
// vertex along the cut's axis, counting them in hist.
func (e *Encoder) cutKeys(from, to int, hist *[cutBins]int32) {
	clear(hist[:])
	idx, pos := e.m.Indices[3*from:3*to], e.m.Positions
	keys := e.keys[from:to]
	axis, base, scale := e.cutAxis, e.cutBase, e.cutScale
	for t := range keys {
		// No coordinate is below base; min keeps float rounding inside.
		k := min(uint16((pos[3*idx[3*t]+axis]-base)*scale), cutBins-1)
		keys[t] = k
		hist[k]++
	}
}

// findCut places the cut at the first bin by which half the triangles are
// counted, and reports whether both parts have triangles.
func (e *Encoder) findCut() bool {
	nt := int32(len(e.keys))
	sum := int32(0)
	for k := range cutBins {
		if sum += e.hist[0][k] + e.hist[1][k]; 2*sum >= nt {
			e.cut, e.cutCount = uint16(k), sum
			break
		}
	}
	return sum > 0 && sum < nt
}

// fillPart gathers the triangles of part i, those keyed at or below the
// cut for the first, above it for the second. The second part also marks
// in e.used the vertices that the first part uses, to find the seam (the
// first part's goroutine has less to do before the traversals).
func (e *Encoder) fillPart(i int) {
	nt := len(e.keys)
	n := int(e.cutCount)
	if i == 1 {
		n = nt - n
	}
	dst := grow(e.idx[i], 3*n)
	e.idx[i] = dst
	e.parts[i].idx = dst
	idx, cut := e.m.Indices[:3*nt], e.cut
	j := 0
	if i == 0 {
		for t, k := range e.keys {
			if k <= cut {
				copy(dst[j:j+3:j+3], idx[3*t:3*t+3])
				j += 3
			}
		}
		return
	}
	used := e.used
	clear(used)
	for t, k := range e.keys {
		tri := idx[3*t : 3*t+3 : 3*t+3]
		if k <= cut {
			used[tri[0]], used[tri[1]], used[tri[2]] = 1, 1, 1
			continue
		}
		d := dst[j : j+3 : j+3]
		d[0], d[1], d[2] = tri[0], tri[1], tri[2]
		j += 3
	}
}

// appendPayload appends everything after the header: the part count, for
// two parts the first part's counts, the seam and the first part's share of
// every stream, then the streams, each part's share after the other.
func (e *Encoder) appendPayload(dst []byte, split bool) []byte {
	parts := e.parts[:e.nparts]
	dst = append(dst, byte(e.nparts))
	if e.nparts == 2 {
		dst = e.appendPartHead(dst)
	}
	// The last streams are entropy coded beside the others when the mesh
	// is large enough for a second goroutine to pay off: from tailFrom
	// on, the position streams, their escapes and the colours.
	e.tailFrom = posStreams - 2*numContexts/3
	if e.hasColor {
		e.tailFrom = 2 * numContexts
	}
	if split {
		if e.tailHelper == nil {
			e.tailHelper = func() {
				e.tailOut = e.appendTail(e.tailOut[:0], &e.tailBW, &e.tailCat)
				e.tailDone.Done()
			}
		}
		e.tailDone.Add(1)
		go e.tailHelper()
	}
	// Pack the operations, three to a byte, the first in the lowest digit,
	// each part from a byte of its own.
	nops := 0
	e.pack = e.pack[:0]
	for i := range parts {
		nops += len(parts[i].ops)
		e.pack = packOps(e.pack, parts[i].ops)
	}
	dst = binary.AppendUvarint(dst, uint64(nops))
	dst = e.bw.appendBlock(dst, e.pack)
	dst = e.bw.appendBlock(dst, e.concat(&e.cat, func(p *partEncoder) []byte { return p.refs }))
	for s := range e.tailFrom {
		dst = e.bw.appendBlock(dst, e.concat(&e.cat, func(p *partEncoder) []byte { return p.pos[s] }))
	}
	if split {
		e.tailDone.Wait()
		return append(dst, e.tailOut...)
	}
	return e.appendTail(dst, &e.bw, &e.cat)
}

// appendTail appends the blocks of the position streams from e.tailFrom
// on, the position escapes and the colour streams to dst, coded with bw,
// concatenated in buf.
func (e *Encoder) appendTail(dst []byte, bw *blockWriter, buf *[]byte) []byte {
	for s := e.tailFrom; s < posStreams; s++ {
		dst = bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.pos[s] }))
	}
	dst = bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.pesc }))
	if !e.hasColor {
		return dst
	}
	for s := range colStreams {
		dst = bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.col[s] }))
	}
	return bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.cesc }))
}

// appendPartHead appends the first part's triangle and vertex counts, the
// seam block and the first part's share of each stream, for two parts.
func (e *Encoder) appendPartHead(dst []byte) []byte {
	p0, p1 := &e.parts[0], &e.parts[1]
	dst = binary.AppendUvarint(dst, uint64(len(p0.idx)/3))
	dst = binary.AppendUvarint(dst, uint64(p0.nv))
	dst = binary.AppendUvarint(dst, uint64(len(p1.seam)))
	// The seam: for each vertex of the second part that the first has, by
	// increasing id in the second, the gap since the previous one and the
	// change of its id in the first, zig-zagged.
	e.cat = e.cat[:0]
	prevLocal, prevGlobal := int32(-1), int32(0)
	for _, v := range p1.seam {
		local, global := p1.vmap[v], p0.vmap[v]
		d := global - prevGlobal
		e.cat = binary.AppendUvarint(e.cat, uint64(local-prevLocal-1))
		e.cat = binary.AppendUvarint(e.cat, uint64(uint32(d<<1)^uint32(d>>31)))
		prevLocal, prevGlobal = local, global
	}
	dst = e.bw.appendBlock(dst, e.cat)
	dst = binary.AppendUvarint(dst, uint64(len(p0.ops)))
	dst = binary.AppendUvarint(dst, uint64(len(p0.refs)))
	for _, s := range p0.pos {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
	}
	dst = binary.AppendUvarint(dst, uint64(len(p0.pesc)))
	if e.hasColor {
		for _, s := range p0.col {
			dst = binary.AppendUvarint(dst, uint64(len(s)))
		}
		dst = binary.AppendUvarint(dst, uint64(len(p0.cesc)))
	}
	return dst
}

// packOps appends ops packed three to a byte, the first in the lowest
// digit.
func packOps(dst, ops []byte) []byte {
	for len(ops) > 0 {
		var t [opsPerByte]byte
		n := copy(t[:], ops)
		ops = ops[n:]
		dst = append(dst, t[0]+numOps*(t[1]+numOps*t[2]))
	}
	return dst
}

// concat returns the stream that s picks from each part, the parts' in
// turn, in *buf when there are two.
func (e *Encoder) concat(buf *[]byte, s func(p *partEncoder) []byte) []byte {
	if e.nparts == 1 {
		return s(&e.parts[0])
	}
	*buf = append(append((*buf)[:0], s(&e.parts[0])...), s(&e.parts[1])...)
	return *buf
}

// quantize fills e.attr for the vertices from to to-1 of m on e.grid.
func (e *Encoder) quantize(m *mesh.Mesh, from, to int) {
	attr := e.attr[from:to]
	pos := m.Positions[3*from : 3*to]
	g := &e.grid
	for v := range attr {
		p := pos[3*v : 3*v+3 : 3*v+3]
		// grid.quantize, knowing that no coordinate is below the box:
		// the rounded value is at least 0.5, so conversion truncates it
		// as math.Floor would.
		attr[v].p = [3]int32{
			min(int32((float64(p[0])-g.lo[0])*g.scale+0.5), g.maxq),
			min(int32((float64(p[1])-g.lo[1])*g.scale+0.5), g.maxq),
			min(int32((float64(p[2])-g.lo[2])*g.scale+0.5), g.maxq),
		}
	}
	if !e.hasColor {
		return
	}
	col := m.Colors[3*from : 3*to]
	for v := range attr {
		c := col[3*v : 3*v+3 : 3*v+3]
		y, co, cg := toYCoCg(e.levels[c[0]], e.levels[c[1]], e.levels[c[2]])
		attr[v].c = [3]int32{y, co, cg}
	}
}

func (p *partEncoder) reset(nv int) {
	p.vmap = grow(p.vmap, nv)
	for i := range p.vmap {
		p.vmap[i] = -1
	}
	p.f.reset(p.idx, len(p.idx))
	p.created = grow(p.created, len(p.idx))[:0]
	p.sweep = 0
	p.nv, p.last = 0, nil
	p.seam = p.seam[:0]
	p.ops, p.refs, p.pesc, p.cesc = p.ops[:0], p.refs[:0], p.pesc[:0], p.cesc[:0]
	for i := range p.pos {
		p.pos[i] = p.pos[i][:0]
	}
	for i := range p.col {
		p.col[i] = p.col[i][:0]
	}
}

// traverse runs the decoder's traversal over the part's triangles, of a
// mesh of nv vertices, emitting what the decoder will need to repeat it.
func (p *partEncoder) traverse(nv int) {
	idx := p.idx
	nt := int32(len(idx) / 3)
	p.reset(nv)
	seed := int32(0)
	for {
		p.run()
		for seed < nt && p.f.state[3*seed] != cornerUnset {
			seed++
		}
		if seed == nt {
			break
		}
		p.seed(seed)
	}
	// Vertices that no triangle uses go last: in the second of two parts,
	// those of neither part.
	if p.role == roleFirst {
		return
	}
	for v := int32(0); v < int32(nv); v++ {
		if p.vmap[v] < 0 && (p.role == roleWhole || p.mask[v] == 0) {
			var pr prediction
			pr.fromPrevious(p.last)
			p.newVertex(v, &pr)
		}
	}
}

// sweepGate returns the first open corner in the decoder's creation order.
func (p *partEncoder) sweepGate() (int32, bool) {
	state := p.f.state
	for i, g := range p.created[p.sweep:] {
		if state[g] == cornerOpen {
			p.sweep += i
			return g, true
		}
	}
	p.sweep = len(p.created)
	return 0, false
}

// assign gives input vertex v the next decoded id, listing it in the seam
// when the other part has it too.
func (p *partEncoder) assign(v int32) {
	p.vmap[v] = p.nv
	p.nv++
	if p.role == roleSecond && p.mask[v] != 0 {
		p.seam = append(p.seam, v)
	}
}

// newVertex gives input vertex v the next decoded id and emits its
// residuals against the predictions.
func (p *partEncoder) newVertex(v int32, pr *prediction) {
	p.assign(v)
	q := &p.attr[v]
	p.last = q
	for a := range 3 {
		appendResidual(&p.pos[posStream(a, pr.pctx[a])], &p.pesc, q.p[a]-pr.pos[a])
	}
	if p.hasColor {
		for a := range 3 {
			appendResidual(&p.col[colStream(a, pr.cctx[a])], &p.cesc, q.c[a]-pr.col[a])
		}
	}
}

// vertexAcross is newVertex with prediction.across for the tip v across
// the gate a->b of triangle (a, b, c), written out with the components in
// registers, since it runs for nearly every vertex.
func (p *partEncoder) vertexAcross(v int32, ia, ib, ic uint32) {
	p.assign(v)
	attr := p.attr
	a, b, c, q := &attr[ia], &attr[ib], &attr[ic], &attr[v]
	p.last = q
	maxq := p.maxq
	appendResidual(&p.pos[posStream(0, spread(a.p[0]-b.p[0]))], &p.pesc, q.p[0]-min(max(a.p[0]+b.p[0]-c.p[0], 0), maxq))
	appendResidual(&p.pos[posStream(1, spread(a.p[1]-b.p[1]))], &p.pesc, q.p[1]-min(max(a.p[1]+b.p[1]-c.p[1], 0), maxq))
	appendResidual(&p.pos[posStream(2, spread(a.p[2]-b.p[2]))], &p.pesc, q.p[2]-min(max(a.p[2]+b.p[2]-c.p[2], 0), maxq))
	if p.hasColor {
		appendResidual(&p.col[colStream(0, spread(a.c[0]-b.c[0]))], &p.cesc, q.c[0]-(a.c[0]+b.c[0])>>1)
		appendResidual(&p.col[colStream(1, spread(a.c[1]-b.c[1]))], &p.cesc, q.c[1]-(a.c[1]+b.c[1])>>1)
		appendResidual(&p.col[colStream(2, spread(a.c[2]-b.c[2]))], &p.cesc, q.c[2]-(a.c[2]+b.c[2])>>1)
	}
}

// seed starts a new component at triangle t of the part.
func (p *partEncoder) seed(t int32) {
	idx := p.idx
	for i := int32(0); i < 3; i++ {
		v := int32(idx[3*t+i])
		if id := p.vmap[v]; id >= 0 {
			p.refs = binary.AppendUvarint(p.refs, uint64(p.nv-id))
			continue
		}
		p.refs = append(p.refs, 0)
		var pr prediction
		pr.fromPrevious(p.last)
		p.newVertex(v, &pr)
	}
	p.created = append(p.created, 3*t, 3*t+1, 3*t+2)
	p.f.addSeed(3 * t)
}

// maxSplitSearch bounds the encoder's search along a loop for an S tip.
const maxSplitSearch = 1 << 12

// run crosses gates until none is open, in the decoder's order: the next
// from the stack, else the first open corner in its creation order. It is
// the traversal's inner loop, with the front's functions for B, C, L, R
// and E written out and the cursors in locals, written back around the
// calls that use them (sweepGate, split).
func (p *partEncoder) run() {
	f := &p.f
	idx, opp, vmap := p.idx, p.adj.opp, p.vmap
	state, loop, stack := f.state, f.loop, f.stack
	ops, created, sp := p.ops, p.created, f.sp
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
			f.sp, p.created = sp, created
			if g, found = p.sweepGate(); !found {
				p.ops = ops
				return
			}
		}
		pg, ng := loop[g][0], loop[g][1]
		oc := opp[g]
		if oc < 0 || state[oc] != cornerUnset {
			ops = append(ops, opB)
			state[g] = cornerClosed
			if pg != g {
				loop[pg][1], loop[ng][0] = ng, pg
			}
			continue
		}
		c1, c2 := next(oc), prev(oc)
		v := idx[oc]
		// attach
		state[g], state[oc] = cornerClosed, cornerClosed
		state[c1], state[c2] = cornerOpen, cornerOpen
		created = append(created, oc, c1, c2)
		if vmap[v] < 0 {
			ops = append(ops, opC)
			p.vertexAcross(int32(v), idx[next(g)], idx[prev(g)], idx[g])
			// applyC
			loop[pg][1] = c1
			ng = loop[g][1]
			loop[c1] = [2]int32{pg, c2}
			loop[c2] = [2]int32{c1, ng}
			loop[ng][0] = c2
			stack[sp] = c2
			sp++
			continue
		}
		// The true neighbours across a->tip and tip->b, when next to g on
		// its loop, are joined by L, R or E (canE, canL and canR, given
		// left and right).
		left := pg != g && opp[c1] == pg
		right := ng != g && opp[c2] == ng
		switch {
		case left && right && pg != ng && idx[next(pg)] == idx[prev(ng)]:
			ops = append(ops, opE)
			state[c1], state[pg] = cornerClosed, cornerClosed
			state[c2], state[ng] = cornerClosed, cornerClosed
			if pp := loop[pg][0]; pp != ng {
				nn := loop[ng][1]
				loop[pp][1], loop[nn][0] = nn, pp
			}
		case left && pg != ng:
			ops = append(ops, opL)
			state[c1], state[pg] = cornerClosed, cornerClosed
			pp := loop[pg][0]
			loop[pp][1] = c2
			loop[c2] = [2]int32{pp, ng}
			loop[ng][0] = c2
			stack[sp] = c2
			sp++
		case right && ng != pg:
			ops = append(ops, opR)
			state[c2], state[ng] = cornerClosed, cornerClosed
			nn := loop[ng][1]
			loop[pg][1] = c1
			loop[c1] = [2]int32{pg, nn}
			loop[nn][0] = c1
			stack[sp] = c1
			sp++
		default:
			ops = append(ops, opS)
			f.sp = sp
			p.split(g, oc, v)
			sp = f.sp
		}
	}
}

// split codes an S triangle across g, input corner oc, whose tip v is an
// older vertex: as a place on g's loop when it can be found there, else
// explicitly.
func (p *partEncoder) split(g, oc int32, v uint32) {
	f := &p.f
	opp := p.adj.opp
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
				p.refs = binary.AppendUvarint(p.refs, 3*j+kind)
				f.applySplit(g, c1, c2, in)
				return
			}
			if fw == g {
				break
			}
			fw, bw = f.lnext(fw), f.lprev(bw)
		}
	}
	p.refs = binary.AppendUvarint(p.refs, 3*uint64(p.nv-p.vmap[v])+2)
	f.applyFree(g, c1, c2)
}

// VertexOrder appends to dst, for each vertex of the mesh last encoded, its
// index in the decoded mesh, so that callers can compare the two.
func (e *Encoder) VertexOrder(dst []uint32) []uint32 {
	p0 := &e.parts[0]
	if e.nparts == 1 {
		for _, id := range p0.vmap {
			dst = append(dst, uint32(id))
		}
		return dst
	}
	// The second part's vertices follow the first's, less those of the
	// seam: a vertex's id there drops by the seam vertices before it.
	p1 := &e.parts[1]
	before := make([]int32, p1.nv+1)
	for _, v := range p1.seam {
		before[p1.vmap[v]+1]++
	}
	for i := 1; i < len(before); i++ {
		before[i] += before[i-1]
	}
	for v, id := range p0.vmap {
		if id < 0 {
			l := p1.vmap[v]
			id = p0.nv + l - before[l]
		}
		dst = append(dst, uint32(id))
	}
	return dst
}
