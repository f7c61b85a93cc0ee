package engine

import "math"

// brickShift is log2 of the brick edge in finest cells: bricks are 8x8x8
// cells, the unit of storage and of parallel surface work.
const (
	brickShift = 3
	brickN     = 1 << brickShift
	brickC     = brickN + 1 // corners per brick edge
	// cornerWords is the length of a bitset over a brick's corners.
	cornerWords = (brickC*brickC*brickC + 63) / 64
)

// grid is the hierarchy of cells over the volume. Level 0 is the finest
// (cell edge s), level top the coarsest (s·2^top). The finest corners sit
// at origin + i·s with origin = lo - s/2, so the volume's faces cut cells
// in the middle and the volume clip of the field never lands on a corner.
type grid struct {
	s      float64
	R      float64 // field clamp, metres
	lo, hi [3]float64
	origin [3]float64
	top    int
	n      [3]int // finest cells per axis, a multiple of 2^top
	nTop   [3]int // coarse cells per axis
}

func newGrid(lo, hi [3]float64, s float64) grid {
	g := grid{s: s, R: s / 2, lo: lo, hi: hi}
	ext := 0.0
	for a := 0; a < 3; a++ {
		g.origin[a] = lo[a] - s/2
		ext = math.Max(ext, hi[a]-lo[a])
	}
	// Coarse cells of about 8 cm, or a sixteenth of a small volume; never
	// finer than a brick.
	target := math.Min(0.08, ext/16)
	g.top = int(math.Round(math.Log2(target / s)))
	g.top = max(brickShift, min(g.top, 10))
	unit := 1 << g.top
	for a := 0; a < 3; a++ {
		cells := int(math.Ceil((hi[a]-lo[a])/s)) + 1
		g.nTop[a] = (cells + unit - 1) / unit
		g.n[a] = g.nTop[a] * unit
	}
	return g
}

// corner returns the world position of finest corner (i, j, k).
func (g *grid) corner(i, j, k int32) [3]float64 {
	return [3]float64{g.origin[0] + float64(i)*g.s, g.origin[1] + float64(j)*g.s, g.origin[2] + float64(k)*g.s}
}

// boxClip is the volume's own signed distance (positive inside), the
// minimum over the six faces.
func (g *grid) boxClip(p [3]float64) float64 {
	d := p[0] - g.lo[0]
	for a := 0; a < 3; a++ {
		if v := p[a] - g.lo[a]; v < d {
			d = v
		}
		if v := g.hi[a] - p[a]; v < d {
			d = v
		}
	}
	return d
}

// cellVsBox says whether a cell [p0, p0+size]^3 lies outside the volume
// (carve), strictly inside it (may be classed inside), or across a face.
func (g *grid) cellVsBox(p0 [3]float64, size float64) (outside, inside bool) {
	inside = true
	for a := 0; a < 3; a++ {
		p1 := p0[a] + size
		if p1 < g.lo[a] || p0[a] > g.hi[a] {
			return true, false
		}
		if p0[a] <= g.lo[a] || p1 >= g.hi[a] {
			inside = false
		}
	}
	return false, inside
}
