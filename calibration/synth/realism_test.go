package synth

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestRealismRanges(t *testing.T) {
	t.Parallel()
	for _, r := range []Realism{{Noise: -1}, {Noise: 51}, {Exposure: 0.6}, {Jitter: 0.1}, {Noise: math.NaN()}} {
		if err := r.check(); !errors.Is(err, ErrParams) {
			t.Errorf("%+v: got %v, want ErrParams", r, err)
		}
	}
	if o := (Realism{}).offsets(4, 1, 0.5); o[0] != 0 || o[3] != 0 {
		t.Errorf("offsets without jitter: %v", o)
	}
	if g := (Realism{}).gains(3, 1); g[0] != 1 || g[2] != 1 {
		t.Errorf("gains without exposure error: %v", g)
	}
}

func TestApplyColourNoise(t *testing.T) {
	t.Parallel()
	pix := make([]uint8, 300000)
	for i := range pix {
		pix[i] = 128
	}
	applyColour(pix, 1, newNoiseTable(5, 1), rand.New(rand.NewPCG(1, 2)))
	var sum, sum2 float64
	for _, v := range pix {
		d := float64(v) - 128
		sum += d
		sum2 += d * d
	}
	n := float64(len(pix))
	if mean, sd := sum/n, math.Sqrt(sum2/n-(sum/n)*(sum/n)); math.Abs(mean) > 0.2 || math.Abs(sd-5) > 0.3 {
		t.Errorf("noise mean %g sd %g, want 0 and 5", mean, sd)
	}
	gain := []uint8{100, 200, 250}
	applyColour(gain, 1.1, nil, nil)
	if gain[0] != 110 || gain[1] != 220 || gain[2] != 255 {
		t.Errorf("gain 1.1 gave %v", gain)
	}
}
