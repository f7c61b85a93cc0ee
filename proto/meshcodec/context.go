package meshcodec

import "math/bits"

// Residuals are split by context into separate streams, each with its own
// Huffman table: a vertex whose neighbours differ widely in a component
// (a long edge, a textured patch) tends to miss its prediction by
// more than one in a flat or fine region, and coding the two apart costs
// fewer bits than one table for both. The context is computed from
// already decoded values only, so the decoder derives the same one.
const (
	numContexts = 9               // streams per component
	farContext  = numContexts - 1 // vertices predicted from the previous one
)

// Offsets from the bit length of the difference to the context. Measured on
// the synthetic person and the blobby mesh at 20k to 300k triangles, the
// gate edge alone (a, b) predicts the miss better than the whole triangle,
// and no offset does best for both attributes.
const (
	positionContextShift = 0
	colorContextShift    = 0
)

// edgeContexts returns, per component, the context of a vertex predicted
// across the gate edge a->b: the bit length of the difference of that
// component between a and b, less shift, clamped below farContext.
func edgeContexts(q []int32, a, b int32, shift int) (ctx [3]uint8) {
	a, b = 3*a, 3*b
	for i := int32(0); i < 3; i++ {
		d := q[a+i] - q[b+i]
		d = max(d, -d)
		ctx[i] = uint8(min(max(bits.Len32(uint32(d))-shift, 0), farContext-1))
	}
	return ctx
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

// predictFromPrevious predicts a vertex that starts a component, or is
// referenced by no triangle, from the vertex decoded before it.
func predictFromPrevious(npos, ncol []int32, id int32) prediction {
	return prediction{pos: previous(npos, id), col: previous(ncol, id), pctx: farContexts, cctx: farContexts}
}

// predictAcross predicts the tip across the gate a->b of the decoded
// triangle (a, b, c): the parallelogram for positions, the midpoint of the
// gate for colours (see parallelogram and colorPrediction, which this
// inlines by hand: it runs once per vertex on both sides).
func predictAcross(npos, ncol []int32, a, b, c, maxq, maxc int32, color bool) (p prediction) {
	ia, ib, ic := 3*a, 3*b, 3*c
	pa, pb, pc := npos[ia:ia+3], npos[ib:ib+3], npos[ic:ic+3]
	for i := 0; i < 3; i++ {
		p.pos[i] = min(max(pa[i]+pb[i]-pc[i], 0), maxq)
		d := pa[i] - pb[i]
		p.pctx[i] = uint8(min(max(bits.Len32(uint32(max(d, -d)))-positionContextShift, 0), farContext-1))
	}
	if !color {
		return p
	}
	if parallelogramColors {
		p.col = colorPrediction(ncol, a, b, c, maxc)
	}
	ca, cb := ncol[ia:ia+3], ncol[ib:ib+3]
	for i := 0; i < 3; i++ {
		if !parallelogramColors {
			p.col[i] = (ca[i] + cb[i]) >> 1
		}
		d := ca[i] - cb[i]
		p.cctx[i] = uint8(min(max(bits.Len32(uint32(max(d, -d)))-colorContextShift, 0), farContext-1))
	}
	return p
}

// Every component has its own streams: sharing them between the position
// axes, or the two chroma channels, saves tables but loses more to the
// different distributions (measured on the 20k person).
const (
	posStreams = 3 * numContexts
	colStreams = 3 * numContexts
)

// posStream and colStream give the stream of a residual.
func posStream(axis int32, ctx uint8) int32 { return axis*numContexts + int32(ctx) }

func colStream(channel int32, ctx uint8) int32 { return channel*numContexts + int32(ctx) }
