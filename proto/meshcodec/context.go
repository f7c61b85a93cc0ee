package meshcodec

import "math/bits"

// Residuals are split by context into separate streams, each with its own
// Huffman table: a vertex whose neighbours differ widely in a component
// (a long edge, a textured patch) tends to miss its prediction by
// more than one in a flat or fine region, and coding the two apart costs
// fewer bits than one table for both. The context is computed from
// already decoded values only, so the decoder derives the same one.
//
// Measured on the synthetic person and the blobby mesh at 20k to 300k
// triangles, the gate edge alone (a, b) predicts the miss better than the
// whole triangle, and the bit length of the difference along it, unshifted,
// does best for both attributes.
const (
	numContexts = 9               // streams per component
	farContext  = numContexts - 1 // vertices predicted from the previous one
)

// spread is the context of a component that differs by d between the two
// ends of the gate: the bit length of |d|, clamped below farContext. It
// takes |d| without a branch (d's sign is a coin toss, and the compiler's
// max branches) and clamps |d| before its bit length, which the decoder
// needs early: the stream to read from depends on it.
func spread(d int32) uint8 {
	m := d >> 31
	return uint8(bits.Len32(min(uint32((d^m)-m), 1<<(farContext-1)-1)))
}

// farContexts is the context of every component of a vertex predicted
// from the vertex before it.
var farContexts = [3]uint8{farContext, farContext, farContext}

// prediction is what the encoder and the decoder know of a new vertex
// before its residuals: predicted values and the streams they go to.
type prediction struct {
	pos, col   [3]int32
	pctx, cctx [3]uint8
}

// fromPrevious predicts a vertex that starts a component, or is referenced
// by no triangle, from the vertex decoded before it (prev), or as zero for
// the first vertex (prev nil).
func (p *prediction) fromPrevious(prev *vattr) {
	*p = prediction{pctx: farContexts, cctx: farContexts}
	if prev != nil {
		p.pos, p.col = prev.p, prev.c
	}
}

// across predicts the tip across the gate a->b of the decoded triangle
// (a, b, c): the parallelogram for positions, the midpoint of the gate for
// colours, each component in the stream of its spread along the gate.
func (p *prediction) across(a, b, c *vattr, maxq int32, color bool) {
	p.pos = parallelogram(a, b, c, maxq)
	p.pctx = [3]uint8{spread(a.p[0] - b.p[0]), spread(a.p[1] - b.p[1]), spread(a.p[2] - b.p[2])}
	if color {
		p.col = midpoint(a, b)
		p.cctx = [3]uint8{spread(a.c[0] - b.c[0]), spread(a.c[1] - b.c[1]), spread(a.c[2] - b.c[2])}
	}
}

// Every component has its own streams: sharing them between the position
// axes, or the two chroma channels, saves tables but loses more to the
// different distributions (measured on the 20k person).
const (
	posStreams = 3 * numContexts
	colStreams = 3 * numContexts
)

// posStream and colStream give the stream of a residual.
func posStream(axis int, ctx uint8) int { return axis*numContexts + int(ctx) }

func colStream(channel int, ctx uint8) int { return channel*numContexts + int(ctx) }
