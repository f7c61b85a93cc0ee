package engine

// smoothCorner blends the current field value at a brick corner with the
// previous frame's value at the same grid corner: (1-a)·now + a·before.
//
// The previous value is always read from the corner's owner brick (the
// one holding it at local coordinates in [0,8)^3), so that bricks sharing a
// corner compute the same blend. The blend keeps the current sign, which
// keeps the surface closed (the classes of the cells outside the band
// depend on it), except at corners inside the brick whose eight cells are
// all on the band, where the blend may flip it.
func (e *cpu) smoothCorner(b *brick, cx, cy, cz int32, now float64) float64 {
	nb := 0
	ox, oy, oz := cx, cy, cz
	if ox == brickN {
		nb, ox = nb|1, 0
	}
	if oy == brickN {
		nb, oy = nb|2, 0
	}
	if oz == brickN {
		nb, oz = nb|4, 0
	}
	slot := b.prevNbr[nb]
	if slot < 0 {
		return now
	}
	prev := e.prev[slot]
	ci := ox + brickC*(oy+brickC*oz)
	if prev.evaluated[ci>>6]&(1<<uint(ci&63)) == 0 {
		return now
	}
	a := e.cfg.Smoothing
	v := (1-a)*now + a*float64(prev.corner[ci])
	if (v > 0) == (now > 0) || e.interiorBand(b, cx, cy, cz) {
		return v
	}
	// Keep the current sign with the smallest magnitude float32 holds
	// safely.
	const tiny = 1e-9
	if now > 0 {
		return tiny
	}
	return 0
}

// interiorBand reports whether corner (cx, cy, cz) lies strictly inside
// the brick and all eight cells around it are boundary cells.
func (e *cpu) interiorBand(b *brick, cx, cy, cz int32) bool {
	if cx < 1 || cy < 1 || cz < 1 || cx >= brickN || cy >= brickN || cz >= brickN {
		return false
	}
	for v := int32(0); v < 8; v++ {
		x, y, z := cx-1+v&1, cy-1+v>>1&1, cz-1+v>>2&1
		cell := x + brickN*(y+brickN*z)
		if b.band[cell>>6]&(1<<uint(cell&63)) == 0 {
			return false
		}
	}
	return true
}
