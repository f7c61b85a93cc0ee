package link_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/link/linktest"
)

func TestNTPConversion(t *testing.T) {
	for _, ns := range []int64{0, 1, 999_999_999, 1_700_000_000_123_456_789, 1_800_000_000_000_000_001} {
		got := link.NTPToUnix(link.UnixToNTP(ns))
		if d := got - ns; d != 0 {
			t.Errorf("%d -> %d (off %d ns)", ns, got, d)
		}
	}
	// 1970-01-01 is NTP second 2208988800.
	if s := link.UnixToNTP(0) >> 32; s != 2208988800 {
		t.Fatalf("epoch at NTP second %d", s)
	}
}

func awaitAudio(t *testing.T, ctx context.Context, p *link.Peer) *link.AudioIn {
	t.Helper()
	select {
	case a := <-p.AudioIn():
		return a
	case <-ctx.Done():
		t.Fatal("no audio track arrived")
	}
	return nil
}

// A booth's track reaches the cloud with its packets and its own sender
// reports unchanged; pion adds no reports of its own.
func TestAudioTrackCarriesPacketsAndSenderReports(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := linktest.NewCloud(t, linktest.Options{Path: "/v1/publish", Config: link.Config{Logger: zaptest.NewLogger(t).Named("cloud")}})
	booth, err := link.Dial(ctx, link.DialParams{URL: c.URL + "/v1/publish", Config: link.Config{Logger: zaptest.NewLogger(t).Named("booth"), AudioSend: "booth-a"}})
	if err != nil {
		t.Fatal(err)
	}
	defer booth.Close()
	cloud := c.Session(t, ctx)
	out := booth.AudioOut("booth-a")
	if out == nil || out.SSRC() == 0 {
		t.Fatal("no audio track to send on")
	}
	// Packets and reports are written until the cloud has seen both.
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for i := uint16(0); ; i++ {
			_ = out.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: i, Timestamp: 480 * uint32(i)}, Payload: []byte{0xf8, byte(i)}})
			_ = out.WriteSenderReport(1_700_000_000_000_000_000, 4800, uint32(i), uint32(2*i))
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	in := awaitAudio(t, ctx, cloud)
	if in.StreamID() != "booth-a" {
		t.Fatalf("stream id %q", in.StreamID())
	}
	p, err := in.ReadRTP()
	if err != nil {
		t.Fatal(err)
	}
	if p.PayloadType != link.AudioPayloadType || p.Timestamp != 480*uint32(p.Payload[1]) || p.SSRC != out.SSRC() {
		t.Fatalf("packet %v", p)
	}
	for {
		pkts, err := in.ReadRTCP()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range pkts {
			sr, ok := q.(*rtcp.SenderReport)
			if !ok {
				continue
			}
			if sr.SSRC != out.SSRC() || sr.RTPTime != 4800 || link.NTPToUnix(sr.NTPTime) != 1_700_000_000_000_000_000 {
				t.Fatalf("sender report changed on the way: %+v", sr)
			}
			return
		}
	}
}

// The answering side fills the offer's receive-only sections with one
// track per stream id while they last.
func TestAnswerAddsTracksToReceiveOnlySections(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c := linktest.NewCloud(t, linktest.Options{Path: "/v1/subscribe", Config: link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), AudioOut: []string{"a", "b", "c"}}})
	rend, err := link.Dial(ctx, link.DialParams{URL: c.URL + "/v1/subscribe", Config: link.Config{Logger: zaptest.NewLogger(t).Named("render"), AudioReceive: 2}})
	if err != nil {
		t.Fatal(err)
	}
	defer rend.Close()
	cloud := c.Session(t, ctx)
	if cloud.AudioOut("a") == nil || cloud.AudioOut("b") == nil || cloud.AudioOut("c") != nil {
		t.Fatal("want tracks a and b only: the offer had two sections")
	}
	payload := []byte{0xf8, 1, 2, 3}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for i := uint16(0); ; i++ {
			_ = cloud.AudioOut("b").WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: i, Timestamp: 960 * uint32(i)}, Payload: payload})
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	in := awaitAudio(t, ctx, rend)
	if in.StreamID() != "b" {
		t.Fatalf("stream id %q, want b", in.StreamID())
	}
	p, err := in.ReadRTP()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Payload, payload) {
		t.Fatalf("payload %x", p.Payload)
	}
}
