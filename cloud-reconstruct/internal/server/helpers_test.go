package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/engine"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var testSecret = []byte("integration-secret-integration-secret")

func leakCheck(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// cpuEngine is the real CPU engine at its coarsest cells over a volume
// just holding the synthetic person (synth.PersonBox), so that it stays
// quick under -race.
func cpuEngine(r *rig.Rig) (engine.Engine, error) {
	return engine.NewCPU(engine.Config{Rig: r, CellSize: engine.MaxCellSize, Workers: 1,
		Lo: [3]float64{-0.45, 0, -0.45}, Hi: [3]float64{0.45, 2.1, 0.45}})
}

type testCloud struct {
	srv    *Server
	http   *httptest.Server
	issuer *auth.Issuer
}

func newTestCloud(t *testing.T) *testCloud {
	t.Helper()
	iss, err := auth.NewIssuer(testSecret, 0)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Params{
		Issuer: iss, NewEngine: cpuEngine, Logger: zaptest.NewLogger(t).Named("cloud"),
		Link: link.Config{PingInterval: 50 * time.Millisecond}, HelloTimeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		_ = s.Close()
		hs.Close()
	})
	return &testCloud{srv: s, http: hs, issuer: iss}
}

func (c *testCloud) token(t *testing.T, g auth.Grants) string {
	t.Helper()
	tok, err := c.issuer.Mint("test", g, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// do sends a request and returns the status and body.
func (c *testCloud) do(t *testing.T, ctx context.Context, method, path, token string, body any) (int, string) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequestWithContext(ctx, method, c.http.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (c *testCloud) dial(t *testing.T, ctx context.Context, path, token, name string) (*link.Peer, error) {
	t.Helper()
	p, err := link.Dial(ctx, link.DialParams{URL: c.http.URL + path, Token: token, HTTPClient: c.http.Client(),
		// A long media lifetime: under -race SCTP is slow enough that the
		// default 150 ms would abandon most multi-chunk frame sets.
		Config: link.Config{Logger: zaptest.NewLogger(t).Named(name), PingInterval: 50 * time.Millisecond, MediaLifetime: 5 * time.Second}})
	if err == nil {
		t.Cleanup(func() { _ = p.Close() })
	}
	return p, err
}
