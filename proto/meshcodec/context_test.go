package meshcodec

import (
	"math"
	"math/bits"
	"testing"
)

func TestSpread(t *testing.T) {
	t.Parallel()
	cases := []struct {
		d    int32
		want uint8
	}{
		{0, 0}, {1, 1}, {-1, 1}, {4, 3}, {-4, 3}, {127, 7}, {128, farContext - 1}, {-1 << 20, farContext - 1},
	}
	for _, tc := range cases {
		if got := spread(tc.d); got != tc.want {
			t.Errorf("spread(%d) = %d, want %d", tc.d, got, tc.want)
		}
	}
	// The branchless form against the definition, around every clamp and
	// at the extremes.
	ds := []int32{math.MinInt32, math.MinInt32 + 1, math.MaxInt32, math.MaxInt32 - 1, 1 << 29, -1 << 29}
	for d := int32(-1 << 17); d <= 1<<17; d++ {
		ds = append(ds, d)
	}
	for _, d := range ds {
		if got, want := spread(d), uint8(min(bits.Len32(uint32(max(d, -d))), farContext-1)); got != want {
			t.Fatalf("spread(%d) = %d, want %d", d, got, want)
		}
	}
}

func TestPredictionsAndStreams(t *testing.T) {
	t.Parallel()
	a := vattr{p: [3]int32{0, 0, 0}, c: [3]int32{10, 0, 0}}
	b := vattr{p: [3]int32{4, 0, 0}, c: [3]int32{12, 0, 0}}
	c := vattr{p: [3]int32{0, 4, 0}, c: [3]int32{40, 0, 0}}
	var p prediction
	p.across(&a, &b, &c, 2047, true)
	if p.pos != [3]int32{4, 0, 0} || p.col != [3]int32{11, 0, 0} {
		t.Fatalf("predicted %v %v", p.pos, p.col)
	}
	if p.pctx != [3]uint8{3, 0, 0} || p.cctx != [3]uint8{2, 0, 0} {
		t.Fatalf("contexts %v %v", p.pctx, p.cctx)
	}
	var noColor prediction
	if noColor.across(&a, &b, &c, 2047, false); noColor.cctx != [3]uint8{} || noColor.col != [3]int32{} {
		t.Fatalf("colourless prediction %+v", noColor)
	}
	var far prediction
	far.fromPrevious(&b)
	if far.pos != [3]int32{4, 0, 0} || far.col != [3]int32{12, 0, 0} || far.pctx != farContexts || far.cctx != farContexts {
		t.Fatalf("previous prediction %+v", far)
	}
	var first prediction
	if first.fromPrevious(nil); first.pos != [3]int32{} || first.col != [3]int32{} || first.pctx != farContexts {
		t.Fatalf("first prediction %+v", first)
	}
	for a := range 3 {
		for c := uint8(0); c < numContexts; c++ {
			if s := posStream(a, c); s < 0 || s >= posStreams {
				t.Fatalf("position stream %d out of range", s)
			}
			if s := colStream(a, c); s < 0 || s >= colStreams {
				t.Fatalf("colour stream %d out of range", s)
			}
		}
	}
}
