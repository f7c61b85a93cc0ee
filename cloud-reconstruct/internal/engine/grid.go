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
	// axisCls[level][a][i] is cellVsBox for one axis of cell i of a level:
	// bit 1 the cell lies outside the volume along axis a, bit 0 strictly
	// inside it.
	axisCls [][3][]uint8
}

func newGrid(lo, hi [3]float64, s float64) grid {
	g := grid{s: s, R: s / 2, lo: lo, hi: hi}
	ext := 0.0
	for a := 0; a < 3; a++ {
		g.origin[a] = lo[a] - s/2
		ext = math.Max(ext, hi[a]-lo[a])
	}
	// Coarse cells of about 32 cm, or an eighth of a small volume; never
	// finer than a brick. Big top cells are cheap: most of the booth is
	// carved at the top levels by one camera test per cell.
	target := math.Min(0.32, ext/8)
	g.top = int(math.Round(math.Log2(target / s)))
	g.top = max(brickShift, min(g.top, 10))
	unit := 1 << g.top
	for a := 0; a < 3; a++ {
		cells := int(math.Ceil((hi[a]-lo[a])/s)) + 1
		g.nTop[a] = (cells + unit - 1) / unit
		g.n[a] = g.nTop[a] * unit
	}
	g.axisCls = make([][3][]uint8, g.top+1)
	for level := range g.axisCls {
		size := g.s * float64(int(1)<<uint(level))
		for a := 0; a < 3; a++ {
			t := make([]uint8, g.n[a]>>uint(level))
			for i := range t {
				p0 := g.origin[a] + float64(int32(i)<<uint(level))*g.s
				p1 := p0 + size
				switch {
				case p1 < g.lo[a] || p0 > g.hi[a]:
					t[i] = 2
				case !(p0 <= g.lo[a] || p1 >= g.hi[a]):
					t[i] = 1
				}
			}
			g.axisCls[level][a] = t
		}
	}
	return g
}

// cellClass is cellVsBox for cell (i, j, k) of a level, from the per-axis
// tables.
func (g *grid) cellClass(level int, i, j, k int32) (outside, inside bool) {
	t := &g.axisCls[level]
	x, y, z := t[0][i], t[1][j], t[2][k]
	return (x|y|z)&2 != 0, x&y&z == 1
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
