package meshcodec

import (
	"math"
	"testing"
)

func TestYCoCgLossless(t *testing.T) {
	t.Parallel()
	for bits := 1; bits <= 8; bits++ {
		maxc := int32(1)<<bits - 1
		for r := int32(0); r <= maxc; r += max(1, maxc/31) {
			for g := int32(0); g <= maxc; g += max(1, maxc/31) {
				for b := int32(0); b <= maxc; b++ {
					y, co, cg := toYCoCg(r, g, b)
					if y < 0 || y > maxc || co < -maxc || co > maxc || cg < -maxc || cg > maxc {
						t.Fatalf("bits %d: %d,%d,%d -> %d,%d,%d out of range", bits, r, g, b, y, co, cg)
					}
					if r2, g2, b2 := fromYCoCg(y, co, cg); r2 != r || g2 != g || b2 != b {
						t.Fatalf("bits %d: %d,%d,%d came back as %d,%d,%d", bits, r, g, b, r2, g2, b2)
					}
				}
			}
		}
	}
}

func TestColorErrorBound(t *testing.T) {
	t.Parallel()
	want := map[int]int{8: 0, 7: 1, 6: 2, 5: 4, 4: 8, 1: 127}
	for bits, bound := range want {
		if got := ColorErrorBound(bits); got != bound {
			t.Fatalf("ColorErrorBound(%d) = %d, want %d", bits, got, bound)
		}
		maxc := int32(1)<<bits - 1
		worst := 0
		for c := 0; c < 256; c++ {
			d := int(dequantizeColor(quantizeColor(uint8(c), maxc), maxc)) - c
			worst = max(worst, d, -d)
		}
		if worst != bound {
			t.Fatalf("bits %d: worst error %d, documented bound %d", bits, worst, bound)
		}
	}
}

func TestGrid(t *testing.T) {
	t.Parallel()
	lo, hi := [3]float32{-1.25, 0, -0.3}, [3]float32{1.25, 1.9, 0.3}
	g := newGrid(lo, hi, DefaultPositionBits)
	bound := PositionErrorBound(2.5, DefaultPositionBits)
	if math.Abs(bound-0.000610649731) > 1e-9 {
		t.Fatalf("11-bit bound over 2.5 m is %g m, docs say 0.611 mm", bound)
	}
	for _, v := range []float32{-1.25, -0.3, 0, 0.1234567, 1.25} {
		for a := 0; a < 3; a++ {
			x := min(max(v, lo[a]), hi[a])
			q := g.quantize(x, a)
			if q < 0 || q > g.maxq {
				t.Fatalf("%g on axis %d quantized to %d", x, a, q)
			}
			if d := math.Abs(float64(g.dequantize(q, a)) - float64(x)); d > bound+1e-6 {
				t.Fatalf("%g on axis %d off by %g, bound %g", x, a, d, bound)
			}
		}
	}
	flat := newGrid([3]float32{1, 1, 1}, [3]float32{1, 1, 1}, 12)
	if q := flat.quantize(1, 0); q != 0 || flat.dequantize(q, 0) != 1 {
		t.Fatalf("a box of size 0 quantizes to %d", q)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		opts    Options
		wantErr bool
		want    Options
	}{
		{Options{}, false, Options{PositionBits: 11, ColorBits: 6}},
		{Options{PositionBits: 16, ColorBits: 8}, false, Options{PositionBits: 16, ColorBits: 8}},
		{Options{PositionBits: 9}, true, Options{}},
		{Options{PositionBits: 17}, true, Options{}},
		{Options{ColorBits: 9}, true, Options{}},
		{Options{ColorBits: -1}, true, Options{}},
	}
	for _, tc := range cases {
		e, err := NewEncoder(tc.opts)
		if tc.wantErr {
			if err == nil {
				t.Fatalf("%+v accepted", tc.opts)
			}
			continue
		}
		if err != nil || e.Options() != tc.want {
			t.Fatalf("%+v: got %v, %v", tc.opts, err, e.Options())
		}
	}
}
