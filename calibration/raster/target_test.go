package raster

import (
	"math"
	"testing"
)

func TestNewTargetAndClear(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		w, h int
		bg   [3]uint8
	}{
		{"one pixel", 1, 1, [3]uint8{1, 2, 3}},
		{"odd size", 7, 5, [3]uint8{255, 0, 9}},
		{"grey", 64, 3, [3]uint8{40, 40, 40}},
		{"empty", 0, 0, [3]uint8{1, 1, 1}},
		{"negative", -3, 2, [3]uint8{1, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tg := NewTarget(tc.w, tc.h)
			n := max(tc.w, 0) * max(tc.h, 0)
			if tc.w < 0 {
				n = 0
			}
			if len(tg.Color) != 3*n || len(tg.Depth) != n || len(tg.Mask) != n {
				t.Fatalf("planes %d/%d/%d for %d pixels", len(tg.Color), len(tg.Depth), len(tg.Mask), n)
			}
			for i := range tg.Mask {
				tg.Mask[i], tg.Depth[i] = 255, 1
			}
			tg.Clear(tc.bg)
			for i := 0; i < n; i++ {
				if tg.Color[3*i] != tc.bg[0] || tg.Color[3*i+1] != tc.bg[1] || tg.Color[3*i+2] != tc.bg[2] {
					t.Fatalf("pixel %d colour %v", i, tg.Color[3*i:3*i+3])
				}
				if !math.IsInf(float64(tg.Depth[i]), 1) || tg.Mask[i] != 0 {
					t.Fatalf("pixel %d depth %g mask %d", i, tg.Depth[i], tg.Mask[i])
				}
			}
		})
	}
}

func TestClearMalformedTarget(t *testing.T) {
	t.Parallel()
	tg := &Target{Width: 4, Height: 4, Color: make([]uint8, 5), Depth: make([]float32, 3)}
	tg.Clear([3]uint8{9, 9, 9}) // must not panic
	if tg.Color[2] != 9 || !math.IsInf(float64(tg.Depth[2]), 1) {
		t.Fatal("the planes that exist were not cleared")
	}
	if err := tg.check(4, 4); err == nil {
		t.Fatal("malformed target passed check")
	}
}
