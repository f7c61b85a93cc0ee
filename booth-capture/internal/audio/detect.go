package audio

import (
	"fmt"

	"gopkg.in/hraban/opus.v2"
)

// Decoder turns Opus packets back into 10 ms blocks (tests and
// bench-audio, which listen for the clicks at the far end).
type Decoder struct {
	dec *opus.Decoder
	buf []int16
}

// NewDecoder returns a mono 48 kHz decoder.
func NewDecoder() (*Decoder, error) {
	d, err := opus.NewDecoder(SampleRate, 1)
	if err != nil {
		return nil, fmt.Errorf("audio: Opus decoder: %w", err)
	}
	return &Decoder{dec: d, buf: make([]int16, 5760)}, nil
}

// Decode returns the samples of one packet, valid until the next call.
func (d *Decoder) Decode(pkt []byte) ([]int16, error) {
	n, err := d.dec.Decode(pkt, d.buf)
	if err != nil {
		return nil, fmt.Errorf("audio: Opus decode: %w", err)
	}
	return d.buf[:n], nil
}

// OpusDelaySamples is libopus's algorithmic delay at 48 kHz (the
// encoder's 4 ms look-ahead plus the 2.5 ms overlap): a decoded click
// sounds this many samples after the captured one.
const OpusDelaySamples = 312

// ClickThreshold is the level (of full scale) above which a sample is a
// click's: the clicks peak at 0.8, the tone bed at 0.02.
const ClickThreshold = 0.25

// ClickOnsets returns the indices of the samples where clicks begin: the
// first sample over ClickThreshold after at least holdoff samples under
// it.
func ClickOnsets(s []int16, holdoff int) []int {
	var out []int
	quiet := holdoff
	thr := int32(ClickThreshold * 32768)
	for i, x := range s {
		v := int32(x)
		if v < 0 {
			v = -v
		}
		if v > thr {
			if quiet >= holdoff {
				out = append(out, i)
			}
			quiet = 0
			continue
		}
		quiet++
	}
	return out
}
