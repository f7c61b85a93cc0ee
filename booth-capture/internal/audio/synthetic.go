package audio

import (
	"context"
	"math"
	"time"
)

// The synthetic booth's sound: a quiet tone bed and, at each scheduled
// instant, a click with a sharp onset.
const (
	toneHz       = 220
	toneLevel    = 0.02 // of full scale, about -34 dBFS
	clickSamples = 96   // 2 ms
	clickLevel   = 0.8
	clickHz      = 3000
	// syntheticMargin delays each block past its end so that clicks the
	// video side schedules at the instant a frame is read out are in
	// place before the block that holds them is made.
	syntheticMargin = 5 * time.Millisecond
)

// Synthetic is the synthetic booth's microphone.
type Synthetic struct {
	p      *pacer
	clicks *Clicks
}

// NewSynthetic returns the synthetic source; clicks may be nil (tone only).
func NewSynthetic(clicks *Clicks) *Synthetic {
	if clicks == nil {
		clicks = &Clicks{}
	}
	return &Synthetic{p: newPacer(syntheticMargin), clicks: clicks}
}

// Read returns the next block.
func (s *Synthetic) Read(ctx context.Context) (Block, error) {
	at, n, err := s.p.next(ctx)
	if err != nil {
		return Block{}, err
	}
	b := Block{Samples: make([]int16, BlockSamples), CaptureNs: at}
	base := n * BlockSamples
	for i := range b.Samples {
		b.Samples[i] = int16(toneLevel * 32767 * sinTable(int(base)+i))
	}
	for _, c := range s.clicks.take(at, at+BlockNs) {
		addClick(b.Samples, at, c)
	}
	return b, nil
}

// addClick mixes the part of the click starting at clickNs that falls in
// the block starting at blockNs.
func addClick(dst []int16, blockNs, clickNs int64) {
	// Sample index of the click's onset relative to the block (may be
	// negative: the click began in the previous block).
	d := clickNs - blockNs
	first := d * SampleRate / 1e9
	if d < 0 && (d*SampleRate)%1e9 != 0 {
		first--
	}
	for i := int64(0); i < clickSamples; i++ {
		j := first + i
		if j < 0 || j >= int64(len(dst)) {
			continue
		}
		// A decaying 3 kHz burst starting at its crest: a sharp onset,
		// well inside Opus's band, unmistakable over the tone bed.
		v := clickLevel * math.Exp(-float64(i)/24) * math.Cos(2*math.Pi*clickHz*float64(i)/SampleRate)
		dst[j] = clampAdd(dst[j], v*32767)
	}
}

func clampAdd(a int16, v float64) int16 {
	x := float64(a) + v
	return int16(max(-32768, min(32767, math.Round(x))))
}

// Dropped counts blocks skipped because the reader fell behind.
func (s *Synthetic) Dropped() uint64 { return s.p.dropped.Load() }

// Close ends Read. Safe twice.
func (s *Synthetic) Close() error {
	s.p.close()
	return nil
}

// MixClicks adds the clicks scheduled in clicks that fall in b (tests
// and tools that build audio without a live source).
func MixClicks(b Block, clicks *Clicks) {
	for _, c := range clicks.take(b.CaptureNs, b.CaptureNs+BlockNs) {
		addClick(b.Samples, b.CaptureNs, c)
	}
}

// sinTable is the tone bed at sample n; the phase runs on the sample
// count, so the tone is continuous across blocks.
func sinTable(n int) float64 {
	return math.Sin(2 * math.Pi * toneHz * float64(n%SampleRate) / SampleRate)
}
