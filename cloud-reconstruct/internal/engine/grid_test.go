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
		{0.005, DefaultLo, DefaultHi, 4},
		{0.010, DefaultLo, DefaultHi, 3},
		{0.002, DefaultLo, DefaultHi, 5},
		{0.001, [3]float64{0, 0, 0}, [3]float64{0.1, 0.16, 0.08}, 3},
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
