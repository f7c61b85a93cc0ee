package meshcodec

import "testing"

func TestEdgeContexts(t *testing.T) {
	t.Parallel()
	q := []int32{
		10, 20, 30, // 0
		10, 21, 26, // 1
		-60, 300, 1 << 20, // 2
	}
	cases := []struct {
		name  string
		a, b  int32
		shift int
		want  [3]uint8
	}{
		{"same, one apart, four apart", 0, 1, 0, [3]uint8{0, 1, 3}},
		{"direction does not matter", 1, 0, 0, [3]uint8{0, 1, 3}},
		{"shifted", 0, 1, 1, [3]uint8{0, 0, 2}},
		{"clamped below farContext", 0, 2, 0, [3]uint8{7, 7, farContext - 1}},
	}
	for _, tc := range cases {
		if got := edgeContexts(q, tc.a, tc.b, tc.shift); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPredictionsAndStreams(t *testing.T) {
	t.Parallel()
	npos := []int32{0, 0, 0, 4, 0, 0, 0, 4, 0}
	ncol := []int32{10, 0, 0, 12, 0, 0, 40, 0, 0}
	p := predictAcross(npos, ncol, 0, 1, 2, 2047, 63, true)
	if p.pos != [3]int32{4, 0, 0} || p.col != [3]int32{11, 0, 0} {
		t.Fatalf("predicted %v %v", p.pos, p.col)
	}
	if p.pctx != [3]uint8{3, 0, 0} || p.cctx != [3]uint8{2, 0, 0} {
		t.Fatalf("contexts %v %v", p.pctx, p.cctx)
	}
	if p := predictAcross(npos, nil, 0, 1, 2, 2047, 0, false); p.cctx != [3]uint8{} || p.col != [3]int32{} {
		t.Fatalf("colourless prediction %+v", p)
	}
	far := predictFromPrevious(npos, ncol, 2)
	if far.pos != [3]int32{4, 0, 0} || far.col != [3]int32{12, 0, 0} || far.pctx != farContexts || far.cctx != farContexts {
		t.Fatalf("previous prediction %+v", far)
	}
	for a := int32(0); a < 3; a++ {
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
