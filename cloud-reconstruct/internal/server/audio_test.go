package server

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/events"
	"cloudme.dev/cloud-reconstruct/internal/synthbooth"
)

// A booth's voice reaches the renderer that hears it, packets unchanged,
// its sender reports with the renderer's SSRC and the NTP time moved to
// the cloud's clock by the booth's clock offset; the renderer of the
// other booth hears nothing of its own booth.
func TestAudioIsForwardedWithSenderReports(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newTestCloud(t)
	op := c.token(t, auth.Grants{Operator: true})
	if code, body := c.do(t, ctx, "POST", "/v1/meetings", op, map[string]any{"id": "m1", "booths": []string{"booth-a", "booth-b"}}); code != http.StatusCreated {
		t.Fatalf("create meeting: %d %s", code, body)
	}
	dial := func(path, tok, name string, cfg link.Config) *link.Peer {
		cfg.Logger = zaptest.NewLogger(t).Named(name)
		cfg.PingInterval = 50 * time.Millisecond
		p, err := link.Dial(ctx, link.DialParams{URL: c.http.URL + path, Token: tok, HTTPClient: c.http.Client(), Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = p.Close() })
		return p
	}
	// The renderer at booth-b hears booth-a (two sections offered, one
	// used: the meeting has one other booth).
	rend := dial("/v1/subscribe?meeting=m1&exclude=booth-b", c.token(t, auth.Grants{SubscribeMeetings: []string{"m1"}}), "render-b", link.Config{AudioReceive: 2})
	booth := dial("/v1/publish", c.token(t, auth.Grants{Publish: "booth-a"}), "booth-a", link.Config{AudioSend: "booth-a"})
	sb, err := synthbooth.New(synthbooth.Params{BoothID: "booth-a", Cameras: 4, Scale: 0.25, Frames: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := booth.SendControl(sb.Hello()); err != nil {
		t.Fatal(err)
	}
	out := booth.AudioOut("booth-a")
	const srNs = 1_700_000_000_000_000_000
	stop := make(chan struct{})
	done := make(chan struct{})
	defer func() { close(stop); <-done }()
	go func() {
		defer close(done)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for i := uint32(0); ; i++ {
			_ = out.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: uint16(i), Timestamp: 480 * i}, Payload: []byte{0xf8, byte(i), 0xaa}})
			if i%5 == 0 {
				_ = out.WriteSenderReport(srNs, 1234, i, 3*i)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	var in *link.AudioIn
	select {
	case in = <-rend.AudioIn():
	case <-ctx.Done():
		t.Fatal("the renderer got no audio track")
	}
	if in.StreamID() != "booth-a" {
		t.Fatalf("stream %q, want booth-a", in.StreamID())
	}
	p, err := in.ReadRTP()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Payload, []byte{0xf8, byte(p.Timestamp / 480), 0xaa}) || p.SSRC != in.SSRC() {
		t.Fatalf("packet changed on the way: %v", p)
	}
	for {
		pkts, err := in.ReadRTCP()
		if err != nil {
			t.Fatal(err)
		}
		var sr *rtcp.SenderReport
		for _, q := range pkts {
			if s, ok := q.(*rtcp.SenderReport); ok {
				sr = s
			}
		}
		if sr == nil {
			continue
		}
		if sr.SSRC != in.SSRC() || sr.RTPTime != 1234 {
			t.Fatalf("report %+v: want the renderer's SSRC %d and RTP time 1234", sr, in.SSRC())
		}
		// Booth and cloud share this machine's clock: the converted time
		// is the booth's within the offset estimate's bound (RTT/2).
		off, rtt, ok := booth.ClockOffset()
		if !ok {
			continue
		}
		got := link.NTPToUnix(sr.NTPTime)
		if d := time.Duration(got - srNs); d < -rtt/2-off-time.Millisecond || d > rtt/2-off+time.Millisecond {
			t.Fatalf("report time moved by %v; booth offset %v, rtt %v", d, off, rtt)
		}
		t.Logf("sender report moved by %v to the cloud's clock", time.Duration(got-srNs))
		break
	}
	if s := c.srv.AudioStats(); s.Packets == 0 || s.Reports == 0 {
		t.Fatalf("stats %+v", s)
	}
}

// An operator's mute command on the events websocket reaches the booth
// as AudioSettings on its control channel, and every operator hears that
// it did; a command for a booth that is not connected is refused.
func TestOperatorMutesABooth(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newTestCloud(t)
	op := c.token(t, auth.Grants{Operator: true})
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, "ws"+strings.TrimPrefix(c.http.URL, "http")+"/v1/events", http.Header{"Authorization": {"Bearer " + op}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	evs := make(chan events.Event, 64)
	go func() {
		defer close(evs)
		for {
			var e events.Event
			if err := ws.ReadJSON(&e); err != nil {
				return
			}
			evs <- e
		}
	}()
	next := func(typ events.Type) events.Event {
		t.Helper()
		for {
			select {
			case e, ok := <-evs:
				if !ok {
					t.Fatal("event stream ended")
				}
				if e.Type == typ {
					return e
				}
			case <-ctx.Done():
				t.Fatalf("no %s event", typ)
			}
		}
	}
	booth, err := c.dial(t, ctx, "/v1/publish", c.token(t, auth.Grants{Publish: "booth-a"}), "booth-a")
	if err != nil {
		t.Fatal(err)
	}
	sb, err := synthbooth.New(synthbooth.Params{BoothID: "booth-a", Cameras: 4, Scale: 0.25, Frames: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := booth.SendControl(sb.Hello()); err != nil {
		t.Fatal(err)
	}
	next(events.BoothOnline)

	if err := ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"booth_audio","booth":"booth-z","muted":true}`)); err != nil {
		t.Fatal(err)
	}
	if e := next(events.CommandRefused); !strings.Contains(e.Detail, "booth-z") {
		t.Fatalf("refusal %+v", e)
	}
	if err := ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"booth_audio","booth":"booth-a","muted":true,"volume":0.25}`)); err != nil {
		t.Fatal(err)
	}
	if e := next(events.BoothAudio); e.Booth != "booth-a" || e.Muted == nil || !*e.Muted || e.Volume == nil || *e.Volume != 0.25 {
		t.Fatalf("event %+v", e)
	}
	for {
		select {
		case m := <-booth.Control():
			as := m.Envelope.GetControl().GetAudioSettings()
			if as == nil {
				continue
			}
			if !as.GetMuted() || as.GetVolume() != 0.25 {
				t.Fatalf("booth got %v", as)
			}
			return
		case <-ctx.Done():
			t.Fatal("the booth got no audio settings")
		}
	}
}
