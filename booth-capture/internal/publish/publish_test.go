package publish

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/link/linktest"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newCloud is a tiny stand-in for cloud-reconstruct's publish endpoint.
func newCloud(t *testing.T) *linktest.Cloud {
	return linktest.NewCloud(t, linktest.Options{
		Path: "/v1/publish", Token: "booth-secret",
		Config: link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 50 * time.Millisecond},
	})
}

func frameSet(seq uint64) *pb.FrameSet {
	m := maskcodec.New(4, 3)
	m.Pix[5] = maskcodec.Inside
	mb, err := maskcodec.Encode(nil, m)
	if err != nil {
		panic(err)
	}
	return &pb.FrameSet{BoothId: "booth-a", Sequence: seq, CaptureTimeNs: 1000 + int64(seq), Views: []*pb.View{{
		CameraId: 3, CaptureTimeNs: 1000, Mask: mb, MaskCodec: pb.MaskCodec_MASK_CODEC_ROWRUN_V1, ColorCodec: pb.ColorCodec_COLOR_CODEC_NONE,
		Crop: &pb.Rect{Width: 8, Height: 6}, Scale: 0.5,
	}}, MissingCameras: []uint32{4}}
}

func next(t *testing.T, ctx context.Context, ch <-chan link.Message) *pb.Envelope {
	t.Helper()
	select {
	case m := <-ch:
		return m.Envelope
	case <-ctx.Done():
		t.Fatal("timed out")
	}
	return nil
}

func TestPublishesAndReconnects(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newCloud(t)
	hello := &pb.BoothHello{BoothId: "booth-a", SoftwareVersion: "test", Rig: &pb.RigSummary{Cameras: []*pb.CameraInfo{{CameraId: 3, Width: 8, Height: 6}}}}
	pub, err := New(ctx, Params{CloudURL: c.URL + "/", Token: "booth-secret", Hello: hello, Logger: zaptest.NewLogger(t),
		Link: link.Config{PingInterval: 50 * time.Millisecond}, MinBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()

	for session := 0; session < 2; session++ {
		var peer *link.Peer
		select {
		case peer = <-c.Sessions:
		case <-ctx.Done():
			t.Fatalf("session %d never came", session)
		}
		if h := next(t, ctx, peer.Control()).GetBoothHello(); h.GetBoothId() != "booth-a" {
			t.Fatalf("first control message is not the hello: %v", h)
		}
		// Offer until one arrives (the media channel may open a moment
		// after the hello).
		var fs *pb.FrameSet
		tick := time.NewTicker(20 * time.Millisecond)
		for fs == nil {
			pub.Offer(frameSet(uint64(session)))
			select {
			case m := <-peer.Media():
				fs = m.Envelope.GetFrameSet()
			case <-tick.C:
			case <-ctx.Done():
				t.Fatal("no frame set")
			}
		}
		tick.Stop()
		// Re-encode and decode as the cloud would receive it.
		b, err := wire.Encode(&pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: fs}})
		if err != nil {
			t.Fatal(err)
		}
		env, err := wire.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		got := env.GetFrameSet()
		m, err := maskcodec.Decode(got.GetViews()[0].GetMask())
		if err != nil || m.Count() != 1 || !m.At(1, 1) {
			t.Fatalf("mask: %v %v", m, err)
		}
		if got.GetSequence() != uint64(session) || got.GetMissingCameras()[0] != 4 {
			t.Fatalf("frame set %v", got)
		}
		if st := got.GetStages(); len(st) == 0 || st[len(st)-1].GetStage() != pb.Stage_STAGE_SEND {
			t.Fatalf("stages %v", st)
		}
		if session == 0 {
			_ = peer.Close() // the cloud drops the booth: it must come back
		}
	}
	if s := pub.Stats(); s.Sessions < 2 || s.Sent < 2 {
		t.Fatalf("stats %+v", s)
	}
	_ = pub.Close()
	_ = pub.Close()
}

func TestOfferNeverBlocks(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Nobody listens here: the publisher keeps retrying while frames pile.
	pub, err := New(ctx, Params{CloudURL: "http://127.0.0.1:1", Hello: &pb.BoothHello{BoothId: "b"}, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		pub.Offer(frameSet(uint64(i)))
	}
	_ = pub.Close()
	if s := pub.Stats(); s.Dropped < 99 || s.Sent != 0 {
		t.Fatalf("stats %+v", s)
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	for _, p := range []Params{{}, {CloudURL: "http://x"}, {CloudURL: "http://x", Hello: &pb.BoothHello{BoothId: "b"}, MinBackoff: time.Second, MaxBackoff: time.Millisecond}} {
		if _, err := New(context.Background(), p); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}
