package publish

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// cloud is a tiny stand-in for cloud-reconstruct: it answers publish
// offers with link.Answer and hands over each session.
type cloud struct {
	mu       sync.Mutex
	peers    []*link.Peer
	sessions chan *link.Peer
}

func newCloud(t *testing.T) (*cloud, *httptest.Server) {
	c := &cloud{sessions: make(chan *link.Peer, 4)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/publish", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer booth-secret" {
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		offer, _ := io.ReadAll(r.Body)
		p, answer, err := link.Answer(r.Context(), string(offer), link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 50 * time.Millisecond})
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		c.peers = append(c.peers, p)
		c.mu.Unlock()
		c.sessions <- p
		w.Header().Set("Content-Type", "application/sdp")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, answer)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.Close()
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, p := range c.peers {
			_ = p.Close()
		}
	})
	return c, srv
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
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) }) // runs after the cloud's clean-up
	c, srv := newCloud(t)
	hello := &pb.BoothHello{BoothId: "booth-a", SoftwareVersion: "test", Rig: &pb.RigSummary{Cameras: []*pb.CameraInfo{{CameraId: 3, Width: 8, Height: 6}}}}
	pub, err := New(ctx, Params{CloudURL: srv.URL + "/", Token: "booth-secret", Hello: hello, Logger: zaptest.NewLogger(t),
		Link: link.Config{PingInterval: 50 * time.Millisecond}, MinBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()

	for session := 0; session < 2; session++ {
		var peer *link.Peer
		select {
		case peer = <-c.sessions:
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
