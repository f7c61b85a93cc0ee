package page

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"cloudme.dev/booth-render/internal/audio"
)

// audioMagic starts every binary audio message ("CMA1" little-endian).
const audioMagic = 0x31414d43

// audioHeader is the fixed part of an audio message.
const audioHeader = 16

// AudioLead is how long before its play time a packet goes to the pages:
// the websocket, WebCodecs' decoder and WebAudio's scheduling must all
// fit in it, on a loaded machine too.
const AudioLead = 200 * time.Millisecond

// audioQueue is how many audio messages wait for a page's writer before
// new ones are dropped (1.3 s of 10 ms packets).
const audioQueue = 128

// AppendAudio appends the binary audio message of p to dst (see the
// package documentation for the layout).
func AppendAudio(dst []byte, p audio.Packet) ([]byte, error) {
	if len(p.Stream) == 0 || len(p.Stream) > 64 {
		return dst, fmt.Errorf("%w: stream id of %d bytes", ErrParams, len(p.Stream))
	}
	var h [audioHeader]byte
	le := binary.LittleEndian
	le.PutUint32(h[0:], audioMagic)
	le.PutUint16(h[4:], p.Seq)
	h[6] = byte(len(p.Stream))
	le.PutUint64(h[8:], math.Float64bits(float64(p.PlayNs)/1e6))
	dst = append(dst, h[:]...)
	dst = append(dst, p.Stream...)
	return append(dst, p.Payload...), nil
}

// PlayAudio queues p for every connected page, which decodes it
// (WebCodecs) and plays it at p.PlayNs (WebAudio). A page whose queue is
// full misses it (counted).
func (s *Server) PlayAudio(p audio.Packet) error {
	b, err := AppendAudio(nil, p)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		select {
		case c.audio <- b:
			s.audioSent.Add(1)
		default:
			s.audioDropped.Add(1)
		}
	}
	return nil
}

// AudioSink plays audio on the pages (an audio.Sink).
type AudioSink struct{ s *Server }

// AudioSink returns the server's audio sink.
func (s *Server) AudioSink() *AudioSink { return &AudioSink{s} }

// Play queues p for the pages.
func (a *AudioSink) Play(p audio.Packet) error { return a.s.PlayAudio(p) }

// Displayed is a no-op: the pages report what they draw themselves.
func (a *AudioSink) Displayed(string, uint64, int64, int64) {}

// Lead is AudioLead.
func (a *AudioSink) Lead() time.Duration { return AudioLead }

// Close is a no-op: the server closes with the agent.
func (a *AudioSink) Close() error { return nil }
