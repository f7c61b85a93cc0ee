package synth

import (
	"math/rand/v2"
	"testing"
)

func TestPaletteContrast(t *testing.T) {
	t.Parallel()
	patterns := map[bool]int{}
	for seed := uint64(0); seed < 200; seed++ {
		p := newPalette(rand.New(rand.NewPCG(seed, 1)))
		if colourDistance(p.stripe, p.shirt) <= 120 {
			t.Fatalf("seed %d: stripe %v too close to shirt %v", seed, p.stripe, p.shirt)
		}
		patterns[p.checks]++
	}
	if patterns[true] == 0 || patterns[false] == 0 {
		t.Errorf("patterns drawn: %v, want both stripes and checks", patterns)
	}
}

func TestShade(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    [3]uint8
		f    float64
		want [3]uint8
	}{{[3]uint8{100, 200, 0}, 0.5, [3]uint8{50, 100, 0}}, {[3]uint8{200, 10, 255}, 2, [3]uint8{255, 20, 255}}} {
		if got := shade(tc.c, tc.f); got != tc.want {
			t.Errorf("shade(%v, %g) = %v, want %v", tc.c, tc.f, got, tc.want)
		}
	}
}
