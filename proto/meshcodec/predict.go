package meshcodec

// Predictions shared by the encoder and the decoder. Attributes are kept
// as three int32 per vertex in decoding order: quantized x, y, z for
// positions, Y, Co, Cg for colours.

// parallelogram predicts the tip across the gate a->b of triangle (a, b, c)
// as a + b - c, clamped to lo..hi.
func parallelogram(q []int32, a, b, c int32, lo, hi int32) (p [3]int32) {
	a, b, c = 3*a, 3*b, 3*c
	for i := int32(0); i < 3; i++ {
		p[i] = min(max(q[a+i]+q[b+i]-q[c+i], lo), hi)
	}
	return p
}

// colorPrediction predicts the colour of the tip across the gate a->b of
// triangle (a, b, c): the midpoint of the gate's two ends, or the
// parallelogram when parallelogramColors is set (kept for measuring; the
// midpoint is the format-1 rule and changing it changes the format).
func colorPrediction(q []int32, a, b, c int32, maxc int32) (p [3]int32) {
	if parallelogramColors {
		p = parallelogram(q, a, b, c, -maxc, maxc)
		p[0] = max(p[0], 0)
		return p
	}
	a, b = 3*a, 3*b
	for i := int32(0); i < 3; i++ {
		p[i] = (q[a+i] + q[b+i]) >> 1
	}
	return p
}

const parallelogramColors = false

// previous predicts a vertex that starts a component, or is referenced by
// no triangle, from the vertex decoded just before it.
func previous(q []int32, id int32) (p [3]int32) {
	if id == 0 || int(3*id) > len(q) {
		return p
	}
	i := 3 * (id - 1)
	return [3]int32{q[i], q[i+1], q[i+2]}
}
