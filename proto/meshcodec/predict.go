package meshcodec

// Predictions shared by the encoder and the decoder. Each vertex keeps its
// quantized attributes in one vattr, so that a prediction reads each
// vertex it needs from one place.
type vattr struct {
	p [3]int32 // quantized x, y, z
	c [3]int32 // quantized Y, Co, Cg
}

// parallelogram predicts the position of the tip across the gate a->b of
// triangle (a, b, c) as a + b - c, clamped to the grid 0..maxq.
func parallelogram(a, b, c *vattr, maxq int32) [3]int32 {
	return [3]int32{
		min(max(a.p[0]+b.p[0]-c.p[0], 0), maxq),
		min(max(a.p[1]+b.p[1]-c.p[1], 0), maxq),
		min(max(a.p[2]+b.p[2]-c.p[2], 0), maxq),
	}
}

// midpoint predicts the colour of the tip across the gate a->b: the
// midpoint of the gate's two ends (the format-1 rule; the parallelogram
// does worse on colours, whose jumps follow texture, not geometry).
func midpoint(a, b *vattr) [3]int32 {
	return [3]int32{(a.c[0] + b.c[0]) >> 1, (a.c[1] + b.c[1]) >> 1, (a.c[2] + b.c[2]) >> 1}
}
