package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Realism adds the imperfections of real cameras to the colour images.
// The zero value renders perfect images. Masks and depth stay exact.
type Realism struct {
	// Noise is the standard deviation of Gaussian sensor noise, in 8-bit
	// levels (0 to 50).
	Noise float64 `json:"noise"`
	// Exposure is the largest per-camera exposure gain error: each camera's
	// gain is drawn once from the seed in [1-Exposure, 1+Exposure] (0 to 0.5).
	Exposure float64 `json:"exposure"`
	// Jitter is the largest capture time offset, seconds (0 to 0.05): each
	// camera of each frame sees the person at t + offset, offset uniform in
	// [-Jitter, Jitter].
	Jitter float64 `json:"jitter"`
}

// check validates the ranges.
func (r Realism) check() error {
	switch {
	case !(r.Noise >= 0 && r.Noise <= 50):
		return fmt.Errorf("realism noise %g levels (want 0 to 50): %w", r.Noise, ErrParams)
	case !(r.Exposure >= 0 && r.Exposure <= 0.5):
		return fmt.Errorf("realism exposure %g (want 0 to 0.5): %w", r.Exposure, ErrParams)
	case !(r.Jitter >= 0 && r.Jitter <= 0.05):
		return fmt.Errorf("realism jitter %g s (want 0 to 0.05): %w", r.Jitter, ErrParams)
	}
	return nil
}

// gains returns each camera's exposure gain.
func (r Realism) gains(n int, seed int64) []float64 {
	rng := rand.New(rand.NewPCG(uint64(seed), 0xa0761d6478bd642f))
	g := make([]float64, n)
	for i := range g {
		g[i] = 1 + r.Exposure*(2*rng.Float64()-1)
	}
	return g
}

// offsets returns each camera's capture time offset for the frame at t.
func (r Realism) offsets(n int, seed int64, t float64) []float64 {
	o := make([]float64, n)
	if r.Jitter == 0 {
		return o
	}
	rng := rand.New(rand.NewPCG(uint64(seed), math.Float64bits(t)))
	for i := range o {
		o[i] = r.Jitter * (2*rng.Float64() - 1)
	}
	return o
}

// noiseTable holds Gaussian samples scaled by sigma; a view reads a run
// of it from a random start for every chunk of pixels, which is far
// cheaper than a Gaussian draw per pixel and looks the same at a glance.
type noiseTable []int16

const noiseTableSize = 1 << 16

func newNoiseTable(sigma float64, seed int64) noiseTable {
	rng := rand.New(rand.NewPCG(uint64(seed), 0xe7037ed1a0b428db))
	t := make(noiseTable, noiseTableSize)
	for i := range t {
		t[i] = int16(math.Round(math.Max(-255, math.Min(255, rng.NormFloat64()*sigma))))
	}
	return t
}

// applyColour applies the gain and, when table is non-nil, noise to an
// RGB image in place.
func applyColour(pix []uint8, gain float64, table noiseTable, rng *rand.Rand) {
	var lut [256]uint8
	for i := range lut {
		lut[i] = clampByte(float64(i) * gain)
	}
	if table == nil {
		if gain != 1 {
			for i, v := range pix {
				pix[i] = lut[v]
			}
		}
		return
	}
	// clamp[x+clampOff] is x clamped to a byte, for a gained level plus a
	// table sample (each within [-255, 255]).
	const clampOff = 512
	var clamp [1024]uint8
	for i := range clamp {
		clamp[i] = uint8(min(max(i-clampOff, 0), 255))
	}
	const chunk = 4096 // a fresh start per chunk hides the table's period
	for c := 0; c < len(pix); c += chunk {
		p := pix[c:min(c+chunk, len(pix))]
		k := int(rng.Uint32() % uint32(noiseTableSize-chunk))
		t := table[k : k+len(p)]
		for i, v := range p {
			p[i] = clamp[(int(lut[v])+int(t[i])+clampOff)&1023]
		}
	}
}
