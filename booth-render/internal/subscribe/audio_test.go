package subscribe

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtp"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/audio"
	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/link/linktest"
)

type recSink struct {
	mu     sync.Mutex
	played []audio.Packet
}

func (r *recSink) Play(p audio.Packet) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.played = append(r.played, p)
	return nil
}
func (r *recSink) Displayed(string, uint64, int64, int64) {}
func (r *recSink) Lead() time.Duration                    { return 0 }
func (r *recSink) Close() error                           { return nil }

func (r *recSink) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.played)
}

// The renderer offers audio sections, takes the cloud's track for the
// booth it watches, and its player places every packet at the capture
// time the forwarded sender report says, on this machine's clock.
func TestSubscriberPlaysTheCloudsAudio(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := linktest.NewCloud(t, linktest.Options{Path: "/v1/subscribe", Token: "good-token",
		Config: link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 20 * time.Millisecond, AudioOut: []string{"booth-a"}}})
	sink := &recSink{}
	pl, err := audio.New(ctx, audio.Params{Sink: sink, Logger: zaptest.NewLogger(t).Named("audio")})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, Params{Cloud: c.URL, Target: Target{Booth: "booth-a"}, Token: "good-token", RendererID: "r1",
		Logger: zaptest.NewLogger(t), Link: link.Config{PingInterval: 20 * time.Millisecond}, Audio: pl})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = s.Close()
		_ = pl.Close()
		pl.Wait()
	}()
	cloud := c.Session(t, ctx)
	out := cloud.AudioOut("booth-a")
	if out == nil {
		t.Fatal("the renderer offered no audio section")
	}
	// Capture times: the cloud's clock is this machine's, so the report
	// says RTP 0 was captured at t0.
	t0 := time.Now().UnixNano()
	for i := uint32(0); sink.count() < 5; i++ {
		if i%10 == 0 {
			if err := out.WriteSenderReport(t0, 0, i, 0); err != nil {
				t.Fatal(err)
			}
		}
		if err := out.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: uint16(i), Timestamp: 480 * i}, Payload: []byte{0xf8, 0xff, 0xfe}}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("played %d packets", sink.count())
		case <-time.After(10 * time.Millisecond):
		}
	}
	if _, ok := s.ToLocal(t0); !ok {
		t.Fatal("no clock estimate for an open session")
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	off, rtt, _ := cloudOffset(s)
	for _, p := range sink.played {
		// Exact but for the clock estimate, which moved (within half a
		// round trip) since the packet was placed.
		want := t0 + int64(p.RTP)*1e9/48000 - off
		if d := p.CaptureNs - want; d < -5e6 || d > 5e6 {
			t.Fatalf("packet %d: capture %d ns off (offset %v rtt %v)", p.Seq, d, time.Duration(off), rtt)
		}
		if p.Stream != "booth-a" || p.PlayNs < p.ArrivalNs {
			t.Fatalf("packet %+v", p)
		}
	}
}

func cloudOffset(s *Subscriber) (int64, time.Duration, bool) {
	p := s.peer.Load()
	if p == nil {
		return 0, 0, false
	}
	off, rtt, ok := p.ClockOffset()
	return int64(off), rtt, ok
}
