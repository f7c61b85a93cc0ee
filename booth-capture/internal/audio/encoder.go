package audio

import (
	"fmt"

	"gopkg.in/hraban/opus.v2"
)

// DefaultBitrateKbps is the Opus bitrate when none is configured: ample
// for one voice in a quiet booth.
const DefaultBitrateKbps = 32

// maxPacket bounds one Opus packet (RFC 6716 allows 1275 bytes a frame).
const maxPacket = 1275

// Encoder turns 10 ms blocks into Opus packets (libopus, VoIP mode, mono).
type Encoder struct {
	enc *opus.Encoder
	buf [maxPacket]byte
}

// NewEncoder returns an encoder at kbps (6 to 510).
func NewEncoder(kbps int) (*Encoder, error) {
	if kbps < 6 || kbps > 510 {
		return nil, fmt.Errorf("%w: Opus bitrate %d kbit/s: want 6 to 510", ErrParams, kbps)
	}
	enc, err := opus.NewEncoder(SampleRate, 1, opus.AppVoIP)
	if err != nil {
		return nil, fmt.Errorf("audio: Opus encoder: %w", err)
	}
	if err := enc.SetBitrate(kbps * 1000); err != nil {
		return nil, fmt.Errorf("audio: Opus bitrate: %w", err)
	}
	return &Encoder{enc: enc}, nil
}

// Encode returns one packet for b's samples, valid until the next call.
func (e *Encoder) Encode(b Block) ([]byte, error) {
	if len(b.Samples) != BlockSamples {
		return nil, fmt.Errorf("%w: block of %d samples, want %d", ErrParams, len(b.Samples), BlockSamples)
	}
	n, err := e.enc.Encode(b.Samples, e.buf[:])
	if err != nil {
		return nil, fmt.Errorf("audio: Opus encode: %w", err)
	}
	return e.buf[:n], nil
}
