package metrics

import "math"

// maxGridSide bounds the cells per side of a yzGrid.
const maxGridSide = 1024

// yzGrid buckets triangles by the cells of a uniform grid on the y-z plane
// that their bounding boxes overlap; the lists are stored back to back
// (start[c] .. start[c+1] in items).
type yzGrid struct {
	y0, z0 float64 // grid origin
	inv    float64 // cells per metre
	ny, nz int
	start  []int32
	items  []int32
}

// newYZGrid builds the grid over the y-z extent of [lo, hi] for tris.
func newYZGrid(lo, hi [3]float64, tris []rayTri) yzGrid {
	g := yzGrid{y0: lo[1], z0: lo[2]}
	ey, ez := hi[1]-lo[1], hi[2]-lo[2]
	size := math.Max(ey, ez)
	if size <= 0 {
		size = 1
	}
	// About one triangle per cell on a surface: sqrt(n) cells on a side.
	side := min(max(int(math.Sqrt(float64(len(tris)))), 1), maxGridSide)
	g.inv = float64(side) / size
	g.ny = max(int(ey*g.inv)+1, 1)
	g.nz = max(int(ez*g.inv)+1, 1)
	counts := make([]int32, g.ny*g.nz+1)
	visit := func(t *rayTri, f func(c int)) {
		j0, k0 := g.index(min(t.y[0], t.y[1], t.y[2]), min(t.z[0], t.z[1], t.z[2]))
		j1, k1 := g.index(max(t.y[0], t.y[1], t.y[2]), max(t.z[0], t.z[1], t.z[2]))
		for k := k0; k <= k1; k++ {
			for j := j0; j <= j1; j++ {
				f(k*g.ny + j)
			}
		}
	}
	for i := range tris {
		visit(&tris[i], func(c int) { counts[c+1]++ })
	}
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	g.start = counts
	g.items = make([]int32, counts[len(counts)-1])
	fill := make([]int32, g.ny*g.nz)
	for i := range tris {
		visit(&tris[i], func(c int) {
			g.items[g.start[c]+fill[c]] = int32(i)
			fill[c]++
		})
	}
	return g
}

// index returns the cell holding (y, z), clamped to the grid.
func (g *yzGrid) index(y, z float64) (j, k int) {
	j = min(max(int((y-g.y0)*g.inv), 0), g.ny-1)
	k = min(max(int((z-g.z0)*g.inv), 0), g.nz-1)
	return j, k
}

// cell returns the triangles whose bounding boxes overlap the cell of (y, z).
func (g *yzGrid) cell(y, z float64) []int32 {
	j, k := g.index(y, z)
	c := k*g.ny + j
	return g.items[g.start[c]:g.start[c+1]]
}
