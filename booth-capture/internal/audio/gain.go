package audio

import (
	"fmt"
	"math"
	"sync/atomic"
)

// Gain is the booth's mute and volume, set from the config and by the
// operator at any time. Safe for concurrent use.
type Gain struct {
	muted  atomic.Bool
	volume atomic.Uint64 // math.Float64bits
}

// NewGain returns a gain at volume (0..2, 1 = unchanged).
func NewGain(muted bool, volume float64) (*Gain, error) {
	g := &Gain{}
	g.muted.Store(muted)
	if err := g.SetVolume(volume); err != nil {
		return nil, err
	}
	return g, nil
}

// MaxVolume is the largest volume accepted: +6 dB.
const MaxVolume = 2

// SetVolume sets the linear volume, 0..MaxVolume.
func (g *Gain) SetVolume(v float64) error {
	if !(v >= 0 && v <= MaxVolume) {
		return fmt.Errorf("%w: volume %g: want 0 to %d", ErrParams, v, MaxVolume)
	}
	g.volume.Store(math.Float64bits(v))
	return nil
}

// SetMuted mutes or unmutes.
func (g *Gain) SetMuted(m bool) { g.muted.Store(m) }

// State returns mute and volume.
func (g *Gain) State() (muted bool, volume float64) {
	return g.muted.Load(), math.Float64frombits(g.volume.Load())
}

// apply scales s in place (silence when muted), saturating.
func (g *Gain) apply(s []int16) {
	muted, v := g.State()
	if muted || v == 0 {
		clear(s)
		return
	}
	if v == 1 {
		return
	}
	for i, x := range s {
		s[i] = int16(max(-32768, min(32767, math.Round(float64(x)*v))))
	}
}
