package agent

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/ops"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/booth-capture/internal/source"
	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// errUnplugged is what the test fake reports.
var errUnplugged = errors.New("test fake: camera unplugged")

// flakyOpener is a test fake standing in for a camera that is unplugged
// (no such hardware here): camera `bad` fails to open while broken is set;
// the other cameras are the real synthetic sources.
type flakyOpener struct {
	real   *source.Factory
	bad    uint32
	broken atomic.Bool
	opens  atomic.Int32
}

func (o *flakyOpener) Open(ctx context.Context, id uint32) (source.Source, error) {
	if id == o.bad {
		o.opens.Add(1)
		if o.broken.Load() {
			return nil, errUnplugged
		}
	}
	return o.real.Open(ctx, id)
}

// testCloud answers publish offers with link.Answer, as cloud-reconstruct
// does, and hands over the sessions.
func testCloud(t *testing.T) (chan *link.Peer, *httptest.Server) {
	sessions := make(chan *link.Peer, 4)
	var mu sync.Mutex
	var peers []*link.Peer
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/publish", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t0ken" {
			http.Error(w, "bad token", http.StatusUnauthorized)
			return
		}
		offer, _ := io.ReadAll(r.Body)
		p, answer, err := link.Answer(r.Context(), string(offer), link.Config{Logger: zaptest.NewLogger(t).Named("cloud")})
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		peers = append(peers, p)
		mu.Unlock()
		sessions <- p
		w.Header().Set("Content-Type", "application/sdp")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, answer)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, p := range peers {
			_ = p.Close()
		}
	})
	return sessions, srv
}

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: renders a live synthetic booth and publishes over WebRTC (skipped under -short)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
	sessions, srv := testCloud(t)

	cfg := config.Demo(config.Synthetic{Cameras: 3, Resolution: "160x120", EmptyFor: 3 * time.Second, Seed: 3})
	cfg.FPS = 15
	fac, err := source.NewFactory(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer fac.Close()
	op := &flakyOpener{real: fac, bad: 1}
	op.broken.Store(true)
	a, err := New(ctx, Params{BoothID: "booth-e2e", Rig: fac.Rig(), Cameras: []uint32{0, 1, 2}, FPS: cfg.FPS, Opener: op,
		CloudURL: srv.URL, Token: "t0ken", Segment: segment.Params{PlateFrames: 3}, Logger: zaptest.NewLogger(t), Stall: time.Second,
		MinBackoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, PublishMinBackoff: 20 * time.Millisecond, PublishMaxBackoff: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	var peer *link.Peer
	select {
	case peer = <-sessions:
	case <-ctx.Done():
		t.Fatal("no session")
	}
	var hello *pb.BoothHello
	select {
	case m := <-peer.Control():
		hello = m.Envelope.GetBoothHello()
	case <-ctx.Done():
		t.Fatal("no hello")
	}
	if hello.GetBoothId() != "booth-e2e" || len(hello.GetRig().GetCameras()) != 3 || len(hello.GetRig().GetRigFile()) == 0 ||
		hello.GetRig().GetCameras()[0].GetWidth() != 160 {
		t.Fatalf("hello %v", hello)
	}
	// Frame sets come once the person enters, with camera 1 missing;
	// then camera 1 is plugged back and comes back into the sets.
	sawMissing, recovered := false, false
	for !recovered {
		var fs *pb.FrameSet
		select {
		case m := <-peer.Media():
			fs = m.Envelope.GetFrameSet()
		case <-ctx.Done():
			t.Fatalf("timed out: saw camera 1 missing %v, snapshot %+v", sawMissing, a.Snapshot())
		}
		// What the cloud receives must pass its decoder.
		b, err := wire.Encode(&pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: fs}})
		if err != nil {
			t.Fatal(err)
		}
		env, err := wire.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		fs = env.GetFrameSet()
		if fs.GetBoothId() != "booth-e2e" || len(fs.GetStages()) != 4 {
			t.Fatalf("frame set %d: %v", fs.GetSequence(), fs.GetStages())
		}
		for _, v := range fs.GetViews() {
			m, err := maskcodec.Decode(v.GetMask())
			if err != nil {
				t.Fatalf("camera %d mask: %v", v.GetCameraId(), err)
			}
			if m.Count() == 0 && v.GetCameraId() != 1 {
				t.Fatalf("camera %d sees nobody while streaming", v.GetCameraId())
			}
		}
		if slices.Contains(fs.GetMissingCameras(), 1) {
			if !sawMissing {
				sawMissing = true
				if s := a.Snapshot(); s.Cameras[1].State != ops.StateDegraded || s.Cameras[1].Errors == 0 || s.Cameras[0].State != ops.StateOK {
					t.Fatalf("snapshot %+v", s.Cameras)
				}
				op.broken.Store(false)
			}
		} else if sawMissing && len(fs.GetViews()) == 3 {
			recovered = true
		}
	}
	s := a.Snapshot()
	if s.Cameras[1].State != ops.StateOK || s.Cameras[1].Restarts == 0 || !s.Present || !s.PlateReady || s.Sets == 0 || s.Bytes == 0 || !s.Delivering() {
		t.Fatalf("snapshot %+v", s)
	}
	if err := a.Relearn(ctx); err != nil {
		t.Fatal(err)
	}
	_ = a.Close()
	_ = a.Close()
	if err := a.Relearn(ctx); !errors.Is(err, ErrClosed) {
		t.Fatal(err)
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	if _, err := New(context.Background(), Params{}); !errors.Is(err, ErrParams) {
		t.Fatal(err)
	}
}
