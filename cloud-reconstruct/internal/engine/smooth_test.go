package engine

import "testing"

func TestSmoothCornerKeepsSignAtBrickFaces(t *testing.T) {
	t.Parallel()
	prev := &brick{}
	prev.corner[0] = 0.004
	prev.evaluated[0] = 1
	e := &cpu{cfg: Config{Smoothing: 0.9}, prev: []*brick{prev}}
	b := &brick{}
	b.prevNbr = [8]int32{0, -1, -1, -1, -1, -1, -1, -1}
	// Corner (0,0,0) is on the brick's faces: the blend would flip the
	// current negative value, so it stays non-positive.
	if v := e.smoothCorner(b, 0, 0, 0, -0.001); v > 0 {
		t.Fatalf("face corner flipped to %g", v)
	}
	// Same sign: a plain blend.
	if v := e.smoothCorner(b, 0, 0, 0, 0.002); v < 0.0037 || v > 0.0039 {
		t.Fatalf("blend %g, want 0.0038", v)
	}
	// No previous value: unchanged.
	if v := e.smoothCorner(b, 1, 1, 1, 0.001); v != 0.001 {
		t.Fatalf("corner without history changed to %g", v)
	}
}

func TestInteriorBand(t *testing.T) {
	t.Parallel()
	b := &brick{}
	e := &cpu{}
	for v := int32(0); v < 8; v++ {
		x, y, z := 2+v&1, 3+v>>1&1, 4+v>>2&1
		cell := x + brickN*(y+brickN*z)
		b.band[cell>>6] |= 1 << uint(cell&63)
	}
	if !e.interiorBand(b, 3, 4, 5) {
		t.Fatal("corner surrounded by band cells not recognised")
	}
	if e.interiorBand(b, 3, 4, 6) || e.interiorBand(b, 0, 4, 5) || e.interiorBand(b, 8, 4, 5) {
		t.Fatal("corner with a cell off the band, or on a face, accepted")
	}
}
