package link

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/proto/pb"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// cloud is a minimal WHIP-style endpoint: the real one in cloud-reconstruct
// adds grants, meetings and routing.
type cloud struct {
	t     *testing.T
	cfg   Config
	mu    sync.Mutex
	peers map[string]*Peer
	got   chan *Peer
}

// leakCheck registers, as the test's last cleanup, a wait until every
// goroutine the test started (pion's included) has ended, failing the test
// if one never does. Call it first in every network test.
func leakCheck(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

func newCloud(t *testing.T) (*cloud, *httptest.Server) {
	leakCheck(t)
	c := &cloud{t: t, cfg: Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 20 * time.Millisecond}, peers: map[string]*Peer{}, got: make(chan *Peer, 4)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/sessions", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer secret" {
			http.Error(w, "invalid token: ask the operator for a new one", http.StatusUnauthorized)
			return
		}
		offer, _ := io.ReadAll(r.Body)
		p, answer, err := Answer(r.Context(), string(offer), c.cfg)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		c.peers["1"] = p
		c.mu.Unlock()
		c.got <- p
		w.Header().Set("Location", "/v1/sessions/1")
		w.Header().Set("Content-Type", "application/sdp")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, answer)
	})
	mux.HandleFunc("DELETE /v1/sessions/{id}", func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		p := c.peers[r.PathValue("id")]
		delete(c.peers, r.PathValue("id"))
		c.mu.Unlock()
		if p != nil {
			_ = p.Close()
		}
		w.WriteHeader(http.StatusNoContent)
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

func dial(t *testing.T, ctx context.Context, url string) *Peer {
	t.Helper()
	p, err := Dial(ctx, DialParams{URL: url, Token: "secret", Config: Config{Logger: zaptest.NewLogger(t).Named("booth"), PingInterval: 20 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func recv(t *testing.T, ctx context.Context, ch <-chan Message) Message {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-ctx.Done():
		t.Fatal("timed out waiting for a message")
	}
	return Message{}
}

func model(seq uint64, meshBytes int) *pb.Envelope {
	mesh := bytes.Repeat([]byte{byte(seq)}, meshBytes)
	return &pb.Envelope{Body: &pb.Envelope_ModelFrame{ModelFrame: &pb.ModelFrame{
		SourceBooth: "booth-a", Sequence: seq, CaptureTimeNs: 1, Mesh: mesh,
		MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1,
		Bounds:    &pb.Box{Min: &pb.Vec3{}, Max: &pb.Vec3{X: 1, Y: 2, Z: 1}},
	}}}
}

func TestSessionCarriesControlAndMedia(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, srv := newCloud(t)
	booth := dial(t, ctx, srv.URL+"/v1/sessions")
	var server *Peer
	select {
	case server = <-c.got:
	case <-ctx.Done():
		t.Fatal("no session on the cloud side")
	}
	select {
	case <-server.Ready():
	case <-ctx.Done():
		t.Fatal("cloud side never ready")
	}

	hello := &pb.Envelope{Body: &pb.Envelope_BoothHello{BoothHello: &pb.BoothHello{
		BoothId: "booth-a", SoftwareVersion: "test",
		Rig: &pb.RigSummary{Cameras: []*pb.CameraInfo{{CameraId: 0, Width: 1920, Height: 1080}}},
	}}}
	if err := booth.SendControl(hello); err != nil {
		t.Fatal(err)
	}
	if got := recv(t, ctx, server.Control()); got.Envelope.GetBoothHello().GetBoothId() != "booth-a" {
		t.Fatalf("cloud got %v", got.Envelope)
	}

	// A 600 KB model crosses as ~40 chunks and arrives whole.
	if err := server.SendMedia(model(9, 600_000)); err != nil {
		t.Fatal(err)
	}
	got := recv(t, ctx, booth.Media())
	if m := got.Envelope.GetModelFrame(); m.GetSequence() != 9 || !bytes.Equal(m.GetMesh(), model(9, 600_000).GetModelFrame().GetMesh()) {
		t.Fatal("model arrived damaged")
	}

	// The clock estimate appears and, both ends sharing one clock, is
	// within half the round trip of zero (the bound NTP's estimate has).
	deadline := time.NewTicker(10 * time.Millisecond)
	defer deadline.Stop()
	for {
		off, rtt, ok := booth.ClockOffset()
		if ok {
			if off < -rtt/2-time.Microsecond || off > rtt/2+time.Microsecond {
				t.Fatalf("offset %v outside ±RTT/2 (%v)", off, rtt)
			}
			break
		}
		select {
		case <-deadline.C:
		case <-ctx.Done():
			t.Fatal("no clock estimate")
		}
	}
	if s := booth.Stats(); s.MediaReceived != 1 || s.ControlSent < 1 {
		t.Fatalf("booth stats %+v", s)
	}

	// Closing the booth ends the cloud's side too (DELETE, then the
	// channels close).
	_ = booth.Close()
	select {
	case <-server.Done():
	case <-ctx.Done():
		t.Fatal("cloud side did not see the booth leave")
	}
	if !errors.Is(server.Err(), ErrClosed) {
		t.Fatalf("cloud side ended with %v", server.Err())
	}
	if err := booth.SendMedia(model(10, 10)); !errors.Is(err, ErrClosed) {
		t.Fatalf("send after close: %v", err)
	}
	_ = booth.Close() // twice is safe
}

func TestRejectedGrant(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, srv := newCloud(t)
	_, err := Dial(ctx, DialParams{URL: srv.URL + "/v1/sessions", Token: "wrong"})
	if !errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), "invalid token") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Fatal("the token leaked into the error")
	}
}

func TestSignalingErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	leakCheck(t)
	if _, err := Dial(ctx, DialParams{}); !errors.Is(err, ErrSignaling) {
		t.Fatalf("no URL: %v", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "meeting not found", http.StatusNotFound)
	}))
	defer srv.Close()
	if _, err := Dial(ctx, DialParams{URL: srv.URL + "/x?token=hide-me"}); !errors.Is(err, ErrSignaling) || !strings.Contains(err.Error(), "meeting not found") || strings.Contains(err.Error(), "hide-me") {
		t.Fatalf("404: %v", err)
	}
	if _, _, err := Answer(ctx, "not sdp", Config{}); !errors.Is(err, ErrSignaling) {
		t.Fatalf("bad offer: %v", err)
	}
}

func TestCongestedMediaIsDropped(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, srv := newCloud(t)
	c.cfg.MediaHighWater = 64 << 10
	booth := dial(t, ctx, srv.URL+"/v1/sessions")
	server := <-c.got
	<-server.Ready()
	// A burst far beyond what the channel drains at once: later frames
	// are dropped at the sender rather than queued behind earlier ones.
	var dropped int
	for i := uint64(1); i <= 40; i++ {
		if err := server.SendMedia(model(i, 200_000)); errors.Is(err, ErrCongested) {
			dropped++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if dropped == 0 || server.Stats().MediaDropped != uint64(dropped) {
		t.Fatalf("dropped %d, stats %+v", dropped, server.Stats())
	}
	// What was sent still arrives, newest last.
	first := recv(t, ctx, booth.Media())
	if first.Envelope.GetModelFrame().GetSequence() == 0 {
		t.Fatal("no model")
	}
}

func TestInboxKeepsTheLatest(t *testing.T) {
	t.Parallel()
	p := &Peer{media: make(chan Message, 2)}
	for i := 1; i <= 5; i++ {
		p.deliverLatest(Message{Bytes: i})
	}
	if a, b := (<-p.media).Bytes, (<-p.media).Bytes; a != 4 || b != 5 {
		t.Fatalf("kept %d and %d", a, b)
	}
	if p.inboxDropped.Load() != 3 {
		t.Fatalf("dropped %d", p.inboxDropped.Load())
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	if got := redact("https://user:pw@cloud/v1/x?token=abc#f"); got != "https://cloud/v1/x" {
		t.Fatalf("got %q", got)
	}
}

func TestPortRangeAndBadSettings(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, srv := newCloud(t)
	c.cfg.ICEPortMin, c.cfg.ICEPortMax = 41000, 41100
	booth := dial(t, ctx, srv.URL+"/v1/sessions")
	server := <-c.got
	<-server.Ready()
	// Every host candidate the cloud offered lies in its range.
	sdp := server.pc.LocalDescription().SDP
	n := 0
	for _, line := range strings.Split(sdp, "\n") {
		if !strings.HasPrefix(line, "a=candidate:") || !strings.Contains(line, " udp ") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		var port int
		if _, err := fmt.Sscan(f[5], &port); err != nil || port < 41000 || port > 41100 {
			t.Fatalf("candidate port %q outside 41000-41100: %s", f[5], line)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no UDP candidates in the answer")
	}
	_ = booth.Close()
	if _, _, err := Answer(ctx, "v=0", Config{ICEPortMin: 9, ICEPortMax: 1}); err == nil {
		t.Fatal("inverted port range accepted")
	}
}

func TestNAT1To1AddressAdvertised(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, sdp, err := Answer(ctx, mustOffer(t, ctx), Config{NAT1To1IPs: []string{"203.0.113.7"}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if !strings.Contains(sdp, " 203.0.113.7 ") {
		t.Fatalf("public address not advertised:\n%s", sdp)
	}
}

// mustOffer makes an offer from a throwaway offerer.
func mustOffer(t *testing.T, ctx context.Context) string {
	t.Helper()
	o, err := newPeer(Config{}, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = o.Close() })
	offer, err := o.pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	return offer.SDP
}
