package raster

import (
	"math"
	"sort"
)

// Small 2-D geometry for the tests: convex hull, point in polygon and
// distance to a polygon's boundary.

type pt struct{ x, y float64 }

// hull returns the convex hull of ps (Andrew's monotone chain),
// counter-clockwise in a y-up sense, as indices into ps.
func hull(ps []pt) []int {
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		pa, pb := ps[idx[a]], ps[idx[b]]
		return pa.x < pb.x || (pa.x == pb.x && pa.y < pb.y)
	})
	cross := func(o, a, b pt) float64 { return (a.x-o.x)*(b.y-o.y) - (a.y-o.y)*(b.x-o.x) }
	var h []int
	for pass := 0; pass < 2; pass++ {
		start := len(h)
		for _, i := range idx {
			for len(h) >= start+2 && cross(ps[h[len(h)-2]], ps[h[len(h)-1]], ps[i]) <= 0 {
				h = h[:len(h)-1]
			}
			h = append(h, i)
		}
		h = h[:len(h)-1]
		for l, r := 0, len(idx)-1; l < r; l, r = l+1, r-1 {
			idx[l], idx[r] = idx[r], idx[l]
		}
	}
	return h
}

// inside reports whether p lies inside the closed polygon poly (even-odd).
func inside(poly []pt, p pt) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

// boundaryDist returns the distance from p to the closed polygon's edges.
func boundaryDist(poly []pt, p pt) float64 {
	best := math.Inf(1)
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[j], poly[i]
		dx, dy := b.x-a.x, b.y-a.y
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l))
		}
		best = math.Min(best, math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy))
	}
	return best
}
