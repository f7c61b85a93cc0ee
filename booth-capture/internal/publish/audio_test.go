package publish

import (
	"context"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"go.uber.org/zap/zaptest"
	"google.golang.org/protobuf/proto"

	"cloudme.dev/booth-capture/internal/audio"
	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/pb"
)

// The booth's voice rides each session: the synthetic source's packets
// reach the cloud with RTP times on the capture clock and a sender report
// mapping them exactly, and the cloud's audio settings come back to the
// booth.
func TestSessionCarriesTheBoothsVoice(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newCloud(t)
	sender, err := audio.NewSender(ctx, audio.SenderParams{Source: audio.NewSynthetic(nil), Logger: zaptest.NewLogger(t).Named("audio")})
	if err != nil {
		t.Fatal(err)
	}
	defer sender.Close()
	settings := make(chan *pb.AudioSettings, 1)
	hello := &pb.BoothHello{BoothId: "booth-a", SoftwareVersion: "test", Rig: &pb.RigSummary{Cameras: []*pb.CameraInfo{{CameraId: 3, Width: 8, Height: 6}}}}
	pub, err := New(ctx, Params{CloudURL: c.URL, Token: "booth-secret", Hello: hello, Logger: zaptest.NewLogger(t),
		Link: link.Config{PingInterval: 50 * time.Millisecond, AudioSend: "booth-a"},
		OnSession: func(p *link.Peer) {
			if p == nil {
				sender.Attach(nil)
				return
			}
			sender.Attach(p.AudioOut("booth-a"))
		},
		OnAudioSettings: func(a *pb.AudioSettings) { settings <- a }})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	var cloud *link.Peer
	select {
	case cloud = <-c.Sessions:
	case <-ctx.Done():
		t.Fatal("no session")
	}
	var in *link.AudioIn
	select {
	case in = <-cloud.AudioIn():
	case <-ctx.Done():
		t.Fatal("no audio track")
	}
	var sr *rtcp.SenderReport
	for sr == nil {
		pkts, err := in.ReadRTCP()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range pkts {
			if s, ok := q.(*rtcp.SenderReport); ok {
				sr = s
			}
		}
	}
	srNs := link.NTPToUnix(sr.NTPTime)
	if audio.RTPTime(srNs) != sr.RTPTime {
		t.Fatalf("report maps RTP %d to %d, whose RTP time is %d", sr.RTPTime, srNs, audio.RTPTime(srNs))
	}
	if d := time.Since(time.Unix(0, srNs)); d < 0 || d > 5*time.Second {
		t.Fatalf("report's capture time is %v from now", d)
	}
	p, err := in.ReadRTP()
	if err != nil {
		t.Fatal(err)
	}
	if (p.Timestamp-sr.RTPTime)%audio.BlockSamples != 0 || len(p.Payload) == 0 {
		t.Fatalf("packet at RTP %d is off the 10 ms grid of the report's %d", p.Timestamp, sr.RTPTime)
	}
	cmd := &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_AudioSettings{
		AudioSettings: &pb.AudioSettings{Muted: proto.Bool(true)}}}}}
	if err := cloud.SendControl(cmd); err != nil {
		t.Fatal(err)
	}
	select {
	case a := <-settings:
		if !a.GetMuted() || a.Volume != nil {
			t.Fatalf("settings %v", a)
		}
	case <-ctx.Done():
		t.Fatal("the audio settings never reached the booth")
	}
	// The sender counts a report once its write returns, which may be
	// after the cloud has read it.
	for s := sender.Stats(); s.Packets == 0 || s.Reports == 0; s = sender.Stats() {
		select {
		case <-ctx.Done():
			t.Fatalf("sender stats %+v", s)
		case <-time.After(5 * time.Millisecond):
		}
	}
}
