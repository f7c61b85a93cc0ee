package meshcodec

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
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
	m                 *mesh.Mesh

	// The last streams' coding in a second goroutine: tailHelper, made
	// once so that starting it allocates nothing, codes those from
	// tailFrom on (see appendTail) with tailBW into tailOut. For two
	// parts coded by two goroutines, the second part's goroutine goes on
	// to code them (tailChained) once the first part is traversed
	// (firstDone), without a goroutine of its own.
	tailHelper  func()
	tailDone    sync.WaitGroup
	tailFrom    int
	tailBW      blockWriter
	tailOut     []byte
	tailCat     []byte // tailHelper's concatenation of both parts' streams
	cat         []byte // the caller's
	tailChained bool
	firstDone   sync.WaitGroup

	hasColor bool
	grid     grid
	levels   [256]int32 // 8-bit colour channel -> quantized

	// Two parts: the triangles of each (input vertex ids), the input
	// vertices that the first uses (1) or not (0), the cut (triangles whose
	// first vertex's coordinate on cutAxis is at most cut go to the first
	// part) and the samples that place it, and the second goroutine, which
	// runs partHelper for step.
	nparts     int
	parts      [2]partEncoder
	idx        [2][]uint32
	used       []uint8
	cutAxis    int
	cut        float32
	samples    [cutSamples]float32
	partHelper func()
	partDone   sync.WaitGroup
	// badIndex[i] is set when part i's goroutine finds an index out of
	// range (fillPart).
	badIndex [2]bool
	pack     []byte
}

// partEncoder runs the traversal of one part: the whole mesh, or one of
// two halves.
type partEncoder struct {
	// attr holds the quantized attributes of the part's vertices, by
	// input vertex, each filled when the traversal reaches the vertex
	// (quantize), from pos and col on grid with levels; the others are
	// stale. Each part has its own, so that two traversals never write
	// the same memory.
	attr     []vattr
	pos      []float32
	col      []uint8
	grid     grid
	levels   *[256]int32
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
	posRes     [posStreams][]byte // by posStream
	colRes     [colStreams][]byte // by colStream
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
	lo, hi, indicesChecked, err := e.check(m)
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
	out := h.appendTo(dst)
	e.grid = newGrid(lo, hi, e.opts.PositionBits)
	if e.hasColor {
		maxc := int32(1)<<e.opts.ColorBits - 1
		for c := range e.levels {
			e.levels[c] = quantizeColor(uint8(c), maxc)
		}
	}
	for i := range e.parts {
		p := &e.parts[i]
		p.pos, p.col, p.grid, p.levels = m.Positions, m.Colors, e.grid, &e.levels
		p.maxq, p.hasColor, p.mask, p.role = e.grid.maxq, e.hasColor, nil, roleWhole
	}
	split := nt >= e.splitMin && runtime.GOMAXPROCS(0) > 1
	e.nparts, e.tailChained = 1, false
	e.badIndex = [2]bool{}
	e.setTail()
	defer func() {
		for i := range e.parts {
			p := &e.parts[i]
			p.pos, p.col = nil, nil
		}
	}()
	if nt < e.partMin || !e.encodeParts(m, lo, hi, split) {
		if !indicesChecked {
			if _, _, err := checkMesh(m); err != nil {
				return dst, fmt.Errorf("%w: %w", ErrInvalidMesh, err)
			}
		}
		// With two cores, the adjacency's work is shared by two
		// goroutines.
		p := &e.parts[0]
		p.idx, p.role = m.Indices, roleWhole
		p.adj.build(m.Indices, nv, split)
		p.traverse(nv)
	}
	if e.badIndex[0] || e.badIndex[1] {
		if e.tailChained {
			e.tailDone.Wait()
		}
		return dst, fmt.Errorf("%w: %w", ErrInvalidMesh, validateErr(m))
	}
	return e.appendPayload(out, split), nil
}

// check is checkMesh, but for a mesh that may be coded as two parts it
// checks only the positions, in one pass: fillPart checks the indices as
// it reads them (indicesChecked is false then).
func (e *Encoder) check(m *mesh.Mesh) (lo, hi [3]float32, indicesChecked bool, err error) {
	if len(m.Indices)/3 < e.partMin || !shapeOK(m) {
		lo, hi, err = checkMesh(m)
		return lo, hi, true, err
	}
	var c meshScan
	c.scan(m, 0, m.VertexCount(), 0, 0)
	lo, hi, err = c.result(m)
	return lo, hi, false, err
}

// cutSamples is the number of triangles whose quantile along the cut's
// axis places the cut between two parts.
const cutSamples = 1023

// cutShare is the percentage of the triangles that the first part gets:
// the second part's goroutine starts later and does more (the seam, the
// vertices of neither part), so the first takes a little more, for both
// traversals to end together. (100k-triangle person, quiet machine: at
// 50 % the caller waited 0.3-0.5 ms for the second part, at 53 % the
// second goroutine waited 0.2 ms for the first.)
const cutShare = 52

// encodeParts codes m as two parts of about the same size, cut by a plane
// across the longest side of the bounding box at the cutShare quantile of
// the first vertices of cutSamples triangles, evenly spread over the
// index list, and runs their traversals, the second in a second goroutine
// when split is set, and sets nparts. It reports false, having done
// nothing else, when
// the samples cannot place a cut with triangles on both sides.
//
// Each goroutine picks its part's triangles (the second also marks the
// vertices of the first), builds its part's adjacency and runs its part's
// traversal, which quantizes the part's vertices as it reaches them; then
// the second goes on to the entropy coding of the last streams (see
// appendPayload) once the first part is traversed.
func (e *Encoder) encodeParts(m *mesh.Mesh, lo, hi [3]float32, split bool) bool {
	axis := 0
	for a := 1; a < 3; a++ {
		if hi[a]-lo[a] > hi[axis]-lo[axis] {
			axis = a
		}
	}
	if !(hi[axis]-lo[axis] > 0) || !e.findCut(m, axis) {
		return false
	}
	nv := m.VertexCount()
	e.nparts = 2
	e.parts[0].role = roleFirst
	e.parts[1].role = roleSecond
	e.used = grow(e.used, nv)
	e.parts[1].mask = e.used
	e.m = m
	if !split {
		e.fillPart(0)
		e.fillPart(1)
		if !e.badIndex[0] && !e.badIndex[1] {
			for i := range e.parts {
				p := &e.parts[i]
				p.adj.build(p.idx, nv, false)
				p.traverse(nv)
			}
		}
		e.m = nil
		return true
	}
	if e.partHelper == nil {
		e.partHelper = e.secondPart
	}
	e.tailChained = true
	e.partDone.Add(1)
	e.firstDone.Add(1)
	e.tailDone.Add(1)
	go e.partHelper()
	if e.fillPart(0) {
		p := &e.parts[0]
		p.adj.build(p.idx, nv, false)
		p.traverse(nv)
	}
	e.firstDone.Done()
	e.partDone.Wait()
	e.m = nil
	return true
}

// secondPart is the second goroutine's share of encodeParts.
func (e *Encoder) secondPart() {
	nv := e.m.VertexCount()
	if e.fillPart(1) {
		p := &e.parts[1]
		p.adj.build(p.idx, nv, false)
		p.traverse(nv)
	}
	e.partDone.Done()
	// Both parts' streams are complete once the first is traversed.
	e.firstDone.Wait()
	if !e.badIndex[0] && !e.badIndex[1] {
		e.tailOut = e.appendTail(e.tailOut[:0], &e.tailBW, &e.tailCat)
	}
	e.tailDone.Done()
}

// findCut places the cut along axis at the cutShare quantile of the
// samples' first vertices, or below the largest of them when that is the
// largest, and reports whether both parts have triangles: the first has
// the quantile's triangle, the second one of the largest.
func (e *Encoder) findCut(m *mesh.Mesh, axis int) bool {
	nt := m.TriangleCount()
	n := min(nt, cutSamples)
	if n == 0 {
		return false
	}
	s := e.samples[:n]
	idx, pos, nv := m.Indices, m.Positions, uint32(m.VertexCount())
	for i := range s {
		t := int(uint64(i) * uint64(nt) / uint64(n))
		v := idx[3*t]
		if v >= nv {
			return false // the one part's check refuses the mesh
		}
		s[i] = pos[3*int(v)+axis]
	}
	slices.Sort(s)
	k := n * cutShare / 100
	cut := s[k]
	if top := s[n-1]; cut == top {
		for k > 0 && s[k] == top {
			k--
		}
		if s[k] == top {
			return false
		}
		cut = s[k]
	}
	e.cutAxis, e.cut = axis, cut
	return true
}

// fillPart gathers the triangles of part i of e.m, those whose first
// vertex is at or below the cut for the first, above it for the second.
// The second part also marks in e.used the vertices that the first part
// uses, to find the seam (the first part's goroutine has less to do
// before the traversals). Both check every index they read, and report
// false, with badIndex[i] set, at one out of range.
func (e *Encoder) fillPart(i int) bool {
	m := e.m
	nt := m.TriangleCount()
	dst := grow(e.idx[i], 3*nt)
	e.idx[i] = dst
	idx, pos, nv := m.Indices[:3*nt], m.Positions, uint32(m.VertexCount())
	axis, cut := e.cutAxis, e.cut
	j := 0
	if i == 0 {
		for t := 0; t < len(idx); t += 3 {
			tri := idx[t : t+3 : t+3]
			a, b, c := tri[0], tri[1], tri[2]
			if max(a, b, c) >= nv {
				e.badIndex[i] = true
				return false
			}
			if pos[3*int(a)+axis] <= cut {
				d := dst[j : j+3 : j+3]
				d[0], d[1], d[2] = a, b, c
				j += 3
			}
		}
	} else {
		used := e.used
		clear(used)
		for t := 0; t < len(idx); t += 3 {
			tri := idx[t : t+3 : t+3]
			a, b, c := tri[0], tri[1], tri[2]
			if max(a, b, c) >= nv {
				e.badIndex[i] = true
				return false
			}
			if pos[3*int(a)+axis] <= cut {
				used[a], used[b], used[c] = 1, 1, 1
				continue
			}
			d := dst[j : j+3 : j+3]
			d[0], d[1], d[2] = a, b, c
			j += 3
		}
	}
	e.parts[i].idx = dst[:j]
	return true
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
	if split && !e.tailChained {
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
		dst = e.bw.appendBlock(dst, e.concat(&e.cat, func(p *partEncoder) []byte { return p.posRes[s] }))
	}
	if split {
		e.tailDone.Wait()
		return append(dst, e.tailOut...)
	}
	return e.appendTail(dst, &e.bw, &e.cat)
}

// setTail sets tailFrom: the last streams are entropy coded beside the
// others when the mesh is large enough for a second goroutine to pay off:
// from tailFrom on, the position streams, their escapes and the colours
// (with colours, about 0.45 ms of coding each side for the 100k person).
func (e *Encoder) setTail() {
	e.tailFrom = posStreams - 2*numContexts/3
	if e.hasColor {
		e.tailFrom = 2*numContexts + 3
	}
}

// appendTail appends the blocks of the position streams from e.tailFrom
// on, the position escapes and the colour streams to dst, coded with bw,
// concatenated in buf.
func (e *Encoder) appendTail(dst []byte, bw *blockWriter, buf *[]byte) []byte {
	for s := e.tailFrom; s < posStreams; s++ {
		dst = bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.posRes[s] }))
	}
	dst = bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.pesc }))
	if !e.hasColor {
		return dst
	}
	for s := range colStreams {
		dst = bw.appendBlock(dst, e.concat(buf, func(p *partEncoder) []byte { return p.colRes[s] }))
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
	for _, s := range p0.posRes {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
	}
	dst = binary.AppendUvarint(dst, uint64(len(p0.pesc)))
	if e.hasColor {
		for _, s := range p0.colRes {
			dst = binary.AppendUvarint(dst, uint64(len(s)))
		}
		dst = binary.AppendUvarint(dst, uint64(len(p0.cesc)))
	}
	return dst
}

// packOps appends ops packed three to a byte, the first in the lowest
// digit.
func packOps(dst, ops []byte) []byte {
	n := len(ops) / opsPerByte
	for i := range n {
		t := ops[opsPerByte*i : opsPerByte*i+3 : opsPerByte*i+3]
		dst = append(dst, t[0]+numOps*(t[1]+numOps*t[2]))
	}
	switch len(ops) - opsPerByte*n {
	case 1:
		dst = append(dst, ops[opsPerByte*n])
	case 2:
		dst = append(dst, ops[opsPerByte*n]+numOps*ops[opsPerByte*n+1])
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

// quantize fills p.attr[v] from input vertex v and returns it. No
// coordinate is below the grid's box: the rounded value is at least 0.5,
// so conversion truncates it as math.Floor would (grid.quantize).
func (p *partEncoder) quantize(v int32) *vattr {
	q := &p.attr[v]
	ps := p.pos[3*v : 3*v+3 : 3*v+3]
	g := &p.grid
	q.p = [3]int32{
		min(int32((float64(ps[0])-g.lo[0])*g.scale+0.5), g.maxq),
		min(int32((float64(ps[1])-g.lo[1])*g.scale+0.5), g.maxq),
		min(int32((float64(ps[2])-g.lo[2])*g.scale+0.5), g.maxq),
	}
	if p.hasColor {
		c, l := p.col[3*v:3*v+3:3*v+3], p.levels
		y, co, cg := toYCoCg(l[c[0]], l[c[1]], l[c[2]])
		q.c = [3]int32{y, co, cg}
	}
	return q
}

func (p *partEncoder) reset(nv int) {
	p.attr = grow(p.attr, nv)
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
	for i := range p.posRes {
		p.posRes[i] = p.posRes[i][:0]
	}
	for i := range p.colRes {
		p.colRes[i] = p.colRes[i][:0]
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
	q := p.quantize(v)
	p.last = q
	for a := range 3 {
		appendResidual(&p.posRes[posStream(a, pr.pctx[a])], &p.pesc, q.p[a]-pr.pos[a])
	}
	if p.hasColor {
		for a := range 3 {
			appendResidual(&p.colRes[colStream(a, pr.cctx[a])], &p.cesc, q.c[a]-pr.col[a])
		}
	}
}

// vertexAcross is newVertex with prediction.across for the tip v across
// the gate a->b of triangle (a, b, c), written out with the components in
// registers, since it runs for nearly every vertex.
func (p *partEncoder) vertexAcross(v int32, ia, ib, ic uint32) {
	p.assign(v)
	q := p.quantize(v)
	attr := p.attr
	a, b, c := &attr[ia], &attr[ib], &attr[ic]
	p.last = q
	maxq := p.maxq
	appendResidual(&p.posRes[posStream(0, spread(a.p[0]-b.p[0]))], &p.pesc, q.p[0]-min(max(a.p[0]+b.p[0]-c.p[0], 0), maxq))
	appendResidual(&p.posRes[posStream(1, spread(a.p[1]-b.p[1]))], &p.pesc, q.p[1]-min(max(a.p[1]+b.p[1]-c.p[1], 0), maxq))
	appendResidual(&p.posRes[posStream(2, spread(a.p[2]-b.p[2]))], &p.pesc, q.p[2]-min(max(a.p[2]+b.p[2]-c.p[2], 0), maxq))
	if p.hasColor {
		appendResidual(&p.colRes[colStream(0, spread(a.c[0]-b.c[0]))], &p.cesc, q.c[0]-(a.c[0]+b.c[0])>>1)
		appendResidual(&p.colRes[colStream(1, spread(a.c[1]-b.c[1]))], &p.cesc, q.c[1]-(a.c[1]+b.c[1])>>1)
		appendResidual(&p.colRes[colStream(2, spread(a.c[2]-b.c[2]))], &p.cesc, q.c[2]-(a.c[2]+b.c[2])>>1)
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
