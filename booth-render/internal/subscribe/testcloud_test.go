package subscribe

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
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// leakCheck waits, as the test's last cleanup, until every goroutine the
// test started (pion's included) has ended.
func leakCheck(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// testCloud is the cloud's subscribe endpoint reduced to what a renderer
// sees: a token check, the query, link.Answer, and a peer the test drives.
type testCloud struct {
	mu      sync.Mutex
	peers   []*link.Peer
	queries chan string
	got     chan *link.Peer
}

func newTestCloud(t *testing.T) (*testCloud, *httptest.Server) {
	leakCheck(t)
	c := &testCloud{queries: make(chan string, 8), got: make(chan *link.Peer, 8)}
	cfg := link.Config{Logger: zaptest.NewLogger(t).Named("cloud"), PingInterval: 20 * time.Millisecond}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/subscribe", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer good-token" {
			http.Error(w, "token lacks the subscribe grant", http.StatusForbidden)
			return
		}
		c.queries <- r.URL.RawQuery
		offer, _ := io.ReadAll(r.Body)
		p, answer, err := link.Answer(r.Context(), string(offer), cfg)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		c.peers = append(c.peers, p)
		c.mu.Unlock()
		c.got <- p
		w.Header().Set("Location", "/v1/sessions/x")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, answer)
	})
	mux.HandleFunc("DELETE /v1/sessions/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.Close()
		c.closeAll()
	})
	return c, srv
}

func (c *testCloud) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.peers {
		_ = p.Close()
	}
}

func (c *testCloud) session(t *testing.T, ctx context.Context) *link.Peer {
	t.Helper()
	select {
	case p := <-c.got:
		select {
		case <-p.Ready():
		case <-ctx.Done():
			t.Fatal("cloud side never ready")
		}
		return p
	case <-ctx.Done():
		t.Fatal("no session reached the cloud")
	}
	return nil
}

// box is a coloured closed box, 0.5 x 1.8 x 0.3 m, standing on the floor.
func box() *mesh.Mesh {
	x0, x1, y0, y1, z0, z1 := float32(-0.25), float32(0.25), float32(0), float32(1.8), float32(-0.15), float32(0.15)
	m := &mesh.Mesh{Positions: []float32{
		x0, y0, z0, x1, y0, z0, x1, y1, z0, x0, y1, z0,
		x0, y0, z1, x1, y0, z1, x1, y1, z1, x0, y1, z1,
	}}
	for i := 0; i < 8; i++ {
		m.Colors = append(m.Colors, uint8(30*i), 200, uint8(255-30*i))
	}
	m.Indices = []uint32{
		0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
		3, 6, 2, 3, 7, 6, 0, 4, 7, 0, 7, 3, 1, 2, 6, 1, 6, 5,
	}
	return m
}

func modelFrame(t *testing.T, seq uint64, meshBytes []byte) *pb.Envelope {
	t.Helper()
	return &pb.Envelope{Body: &pb.Envelope_ModelFrame{ModelFrame: &pb.ModelFrame{
		SourceBooth: "booth-a", Sequence: seq, CaptureTimeNs: time.Now().UnixNano(), Mesh: meshBytes,
		MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1,
		Bounds:    &pb.Box{Min: &pb.Vec3{X: -0.25, Z: -0.15}, Max: &pb.Vec3{X: 0.25, Y: 1.8, Z: 0.15}},
	}}}
}

func encodeMesh(t *testing.T, m *mesh.Mesh) []byte {
	t.Helper()
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := enc.Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
