package meshcodec

// Corner-table conventions shared by the encoder and the decoder. Corner c
// belongs to triangle c/3; next and prev turn counter-clockwise and
// clockwise inside that triangle. The edge opposite corner c runs from the
// vertex of next(c) to the vertex of prev(c).

// Connectivity operations, one per gate crossed by the traversal. For the
// gate edge a->b of a decoded triangle, the new triangle across it is
// (tip, b, a); the open edges x->a before the gate and b->y after it on
// the active boundary loop are its left and right neighbours.
const (
	opC        = iota // tip is a new vertex
	opL               // tip is x: the new triangle joins the left edge
	opR               // tip is y: the new triangle joins the right edge
	opE               // tip is x = y: both
	opS               // tip is elsewhere: a reference says where
	opB               // nothing across the gate
	numOps            // size of the alphabet
	opsPerByte = 3    // numOps^3 = 216 fits a byte
)

// Corners are never negative: unsigned remainders are cheaper.

func next(c int32) int32 {
	if uint32(c)%3 == 2 {
		return c - 2
	}
	return c + 1
}

func prev(c int32) int32 {
	if uint32(c)%3 == 0 {
		return c + 2
	}
	return c - 1
}
