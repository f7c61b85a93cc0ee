package metrics

import (
	"cmp"
	"math"
	"slices"
)

// kdTree is a static 3-d tree for nearest-neighbour queries, stored
// implicitly: the median of pts[lo:hi] sits at (lo+hi)/2 and splits on axis
// depth % 3.
type kdTree struct {
	pts [][3]float64
}

// newKDTree builds a tree over a copy of pts.
func newKDTree(pts [][3]float64) *kdTree {
	t := &kdTree{pts: append([][3]float64(nil), pts...)}
	t.build(0, len(t.pts), 0)
	return t
}

func (t *kdTree) build(lo, hi, axis int) {
	if hi-lo <= 1 {
		return
	}
	mid := (lo + hi) / 2
	s := t.pts[lo:hi]
	// A full sort per level is O(n log^2 n) overall: simple, and fast
	// enough for the few hundred thousand points the metrics use.
	slices.SortFunc(s, func(p, q [3]float64) int { return cmp.Compare(p[axis], q[axis]) })
	next := (axis + 1) % 3
	t.build(lo, mid, next)
	t.build(mid+1, hi, next)
}

// nearest returns the squared distance from q to the nearest point of the
// tree, +Inf when the tree is empty.
func (t *kdTree) nearest(q [3]float64) float64 {
	best := math.Inf(1)
	t.search(q, 0, len(t.pts), 0, &best)
	return best
}

func (t *kdTree) search(q [3]float64, lo, hi, axis int, best *float64) {
	for hi > lo {
		mid := (lo + hi) / 2
		p := &t.pts[mid]
		dx, dy, dz := p[0]-q[0], p[1]-q[1], p[2]-q[2]
		if d := dx*dx + dy*dy + dz*dz; d < *best {
			*best = d
		}
		diff := q[axis] - p[axis]
		next := (axis + 1) % 3
		// Descend the near side first, then the far side if the
		// splitting plane is closer than the best so far.
		nlo, nhi, flo, fhi := lo, mid, mid+1, hi
		if diff > 0 {
			nlo, nhi, flo, fhi = mid+1, hi, lo, mid
		}
		t.search(q, nlo, nhi, next, best)
		if diff*diff >= *best {
			return
		}
		lo, hi, axis = flo, fhi, next
	}
}
