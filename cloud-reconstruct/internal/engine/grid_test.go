package engine

import (
	"math"
	"testing"
)

func TestNewGrid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s       float64
		lo, hi  [3]float64
		wantTop int
	}{
		{0.005, DefaultLo, DefaultHi, 6},
		{0.010, DefaultLo, DefaultHi, 5},
		{0.002, DefaultLo, DefaultHi, 7},
		{0.001, [3]float64{0, 0, 0}, [3]float64{0.1, 0.16, 0.08}, 4},
	}
	for _, tc := range tests {
		g := newGrid(tc.lo, tc.hi, tc.s)
		if g.top != tc.wantTop {
			t.Errorf("cell %g: top level %d, want %d", tc.s, g.top, tc.wantTop)
		}
		for a := 0; a < 3; a++ {
			if g.n[a]%(1<<g.top) != 0 || g.origin[a]+float64(g.n[a])*tc.s < tc.hi[a]+tc.s/2 {
				t.Errorf("cell %g axis %d: %d cells from %g do not cover %g", tc.s, a, g.n[a], g.origin[a], tc.hi[a])
			}
		}
	}
}

func TestBoxClipAndCellVsBox(t *testing.T) {
	t.Parallel()
	g := newGrid([3]float64{0, 0, 0}, [3]float64{1, 2, 1}, 0.01)
	if d := g.boxClip([3]float64{0.5, 1, 0.2}); math.Abs(d-0.2) > 1e-12 {
		t.Errorf("boxClip inside = %g, want 0.2", d)
	}
	if d := g.boxClip([3]float64{0.5, -0.1, 0.5}); math.Abs(d+0.1) > 1e-12 {
		t.Errorf("boxClip below = %g, want -0.1", d)
	}
	tests := []struct {
		p0          [3]float64
		size        float64
		outside, in bool
	}{
		{[3]float64{0.2, 0.2, 0.2}, 0.1, false, true},
		{[3]float64{-0.05, 0.2, 0.2}, 0.1, false, false},
		{[3]float64{1.1, 0.2, 0.2}, 0.1, true, false},
		{[3]float64{0.2, -0.3, 0.2}, 0.1, true, false},
	}
	for _, tc := range tests {
		o, in := g.cellVsBox(tc.p0, tc.size)
		if o != tc.outside || in != tc.in {
			t.Errorf("cell at %v: outside %v inside %v, want %v %v", tc.p0, o, in, tc.outside, tc.in)
		}
	}
}

// TestCellClassMatchesCellVsBox checks the per-axis tables against
// cellVsBox for every cell of every level (and a few more cells around the
// volume's corners).
func TestCellClassMatchesCellVsBox(t *testing.T) {
	t.Parallel()
	for _, g := range []grid{
		newGrid(DefaultLo, DefaultHi, 0.01),
		newGrid([3]float64{0, 0, 0}, [3]float64{0.1, 0.16, 0.08}, 0.001),
		newGrid([3]float64{-0.3, 0.1, -0.2}, [3]float64{0.35, 0.9, 0.3}, 0.007),
	} {
		for level := 0; level <= g.top; level++ {
			n := [3]int32{int32(g.n[0] >> uint(level)), int32(g.n[1] >> uint(level)), int32(g.n[2] >> uint(level))}
			size := g.s * float64(int(1)<<uint(level))
			seen := [3]int{}
			// Every cell of the coarse levels; of the fine ones, those
			// near the grid's faces and every fifth.
			idx := func(n int32) []int32 {
				var out []int32
				for i := int32(0); i < n; i++ {
					if level >= 2 || i < 3 || i >= n-3 || i%5 == 0 {
						out = append(out, i)
					}
				}
				return out
			}
			for _, k := range idx(n[2]) {
				for _, j := range idx(n[1]) {
					for _, i := range idx(n[0]) {
						sh := uint(level)
						wo, wi := g.cellVsBox(g.corner(i<<sh, j<<sh, k<<sh), size)
						o, in := g.cellClass(level, i, j, k)
						if o != wo || (!o && in != wi) {
							t.Fatalf("grid s=%g level %d cell (%d,%d,%d): outside %v inside %v, cellVsBox %v %v", g.s, level, i, j, k, o, in, wo, wi)
						}
						switch {
						case wo:
							seen[0]++
						case wi:
							seen[1]++
						default:
							seen[2]++
						}
					}
				}
			}
			if level == g.top && (seen[1] == 0 || seen[2] == 0) {
				t.Fatalf("grid s=%g top level: cells outside/inside/across %v", g.s, seen)
			}
		}
	}
}
