package agent

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/subscribe"
	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/link/linktest"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestStatusFor(t *testing.T) {
	t.Parallel()
	now := time.Unix(1000, 0)
	cases := []struct {
		sub        subscribe.State
		last       time.Time
		state, txt string
	}{
		{subscribe.Connecting, time.Time{}, "connecting", "Connecting to the cloud"},
		{subscribe.Rejected, time.Time{}, "rejected", "The cloud refused this display's token"},
		{subscribe.Connected, time.Time{}, "waiting", "Waiting for the stream"},
		{subscribe.Connected, now.Add(-500 * time.Millisecond), "live", ""},
		{subscribe.Connected, now.Add(-3500 * time.Millisecond), "stopped", "Stream stopped 3 s ago"},
		{subscribe.Connecting, now.Add(-10 * time.Second), "stopped", "Stream stopped 10 s ago"},
	}
	for _, tc := range cases {
		if s, txt := statusFor(tc.sub, tc.last, now, time.Second); s != tc.state || txt != tc.txt {
			t.Errorf("%v %v: got %q %q", tc.sub, tc.last, s, txt)
		}
	}
}

func wall() mesh.Mesh {
	return mesh.Mesh{
		Positions: []float32{-0.2, 0, 0, 0.2, 0, 0, 0.2, 1.8, 0, -0.2, 1.8, 0, 0, 0.9, -0.1},
		Colors:    []uint8{200, 40, 40, 200, 40, 40, 200, 40, 40, 200, 40, 40, 10, 10, 10},
		Indices:   []uint32{0, 1, 2, 0, 2, 3, 0, 4, 1, 1, 4, 2, 2, 4, 3, 3, 4, 0},
	}
}

// Headless mode end to end: a cloud sends models, the agent renders them
// with the software renderer and reports each display time on control;
// when the stream stops, the snapshots show no person and the status.
func TestHeadlessAgentReportsAndSnapshots(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cloud := linktest.NewCloud(t, linktest.Options{
		Path:   "/v1/subscribe",
		Config: link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 20 * time.Millisecond},
	})

	cfg := display.DefaultConfig()
	cfg.Screen.Resolution = [2]int{384, 216} // small: the test renders every model
	g, err := display.NewGeometry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	a, err := New(ctx, Params{
		Geometry: g, Headless: true, SnapshotEvery: 50 * time.Millisecond, SnapshotDir: dir,
		StaleAfter: 300 * time.Millisecond, Logger: zaptest.NewLogger(t),
		Subscribe: subscribe.Params{Cloud: cloud.URL, Target: subscribe.Target{Booth: "booth-a"}, Token: "t", RendererID: "wall-1",
			Link: link.Config{PingInterval: 20 * time.Millisecond}, Retry: 20 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.PageURL() != "" {
		t.Fatal("headless agent serves a page")
	}
	peer := cloud.Session(t, ctx)
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := wall()
	data, err := enc.Encode(nil, &m)
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Now().UnixNano()
	if err := peer.SendMedia(&pb.Envelope{Body: &pb.Envelope_ModelFrame{ModelFrame: &pb.ModelFrame{
		SourceBooth: "booth-a", Sequence: 5, CaptureTimeNs: sent, Mesh: data, MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1,
		Bounds: &pb.Box{Min: &pb.Vec3{X: -0.2, Z: -0.1}, Max: &pb.Vec3{X: 0.2, Y: 1.8}},
	}}}); err != nil {
		t.Fatal(err)
	}
	select {
	case msg := <-peer.Control():
		r := msg.Envelope.GetDisplayReport()
		if r.GetSequence() != 5 || r.GetSourceBooth() != "booth-a" || r.GetRendererId() != "wall-1" {
			t.Fatalf("report %v", msg.Envelope)
		}
		if d := r.GetDisplayTimeNs() - sent; d < -int64(time.Second) || d > int64(20*time.Second) {
			t.Fatalf("display time %d ns after sending", d)
		}
	case <-ctx.Done():
		t.Fatal("no display report")
	}
	// No more models: the stale status replaces the person in snapshots.
	for {
		if n := stoppedSnapshot(t, a); n {
			break
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			t.Fatal("no snapshot without the person")
		}
	}
	_ = a.Close()
	_ = a.Close()
}

// stoppedSnapshot reports whether a snapshot showed the person (red where
// the wall stands) and a later one shows none there.
func stoppedSnapshot(t *testing.T, a *Agent) bool {
	live := false
	for _, f := range a.worker.Written() {
		r, _, _, _ := readPNG(t, f).At(192, 100).RGBA()
		if r>>8 > 150 {
			live = true
		} else if live && r>>8 < 60 {
			return true
		}
	}
	return false
}
