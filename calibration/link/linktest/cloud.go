package linktest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"cloudme.dev/calibration/link"
)

// LeakCheck registers, as the test's last clean-up, a wait until every
// goroutine the test started (pion's included) has ended, failing the test
// if one never does. Call it before anything that registers clean-ups of
// its own, such as NewCloud, which calls it.
func LeakCheck(t testing.TB) {
	t.Helper()
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// Options shape a test cloud.
type Options struct {
	// Path of the offer endpoint, e.g. "/v1/publish" or "/v1/subscribe".
	Path string
	// Token the Authorization header must carry; empty accepts any.
	Token string
	// RejectStatus answers a wrong token (default 401).
	RejectStatus int
	// Config for the cloud's side of each session.
	Config link.Config
}

// Cloud is a running test cloud. Its clean-up (registered on the test)
// closes the server and every session.
type Cloud struct {
	// URL is the server's base URL.
	URL string
	// Sessions receives each session as its offer is answered.
	Sessions chan *link.Peer
	// Queries receives each accepted offer's raw query string.
	Queries chan string

	mu    sync.Mutex
	peers []*link.Peer
	n     int
}

// NewCloud starts a test cloud and registers its clean-up and a leak check.
func NewCloud(t testing.TB, o Options) *Cloud {
	t.Helper()
	LeakCheck(t)
	if o.RejectStatus == 0 {
		o.RejectStatus = http.StatusUnauthorized
	}
	c := &Cloud{Sessions: make(chan *link.Peer, 16), Queries: make(chan string, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+o.Path, func(w http.ResponseWriter, r *http.Request) {
		if o.Token != "" && r.Header.Get("Authorization") != "Bearer "+o.Token {
			http.Error(w, "token lacks the grant", o.RejectStatus)
			return
		}
		offer, _ := io.ReadAll(r.Body)
		p, answer, err := link.Answer(r.Context(), string(offer), o.Config)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		c.peers = append(c.peers, p)
		c.n++
		id := c.n
		c.mu.Unlock()
		select {
		case c.Queries <- r.URL.RawQuery:
		default:
		}
		c.Sessions <- p
		w.Header().Set("Location", fmt.Sprintf("/v1/sessions/%d", id))
		w.Header().Set("Content-Type", "application/sdp")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, answer)
	})
	mux.HandleFunc("DELETE /v1/sessions/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httptest.NewServer(mux)
	c.URL = srv.URL
	t.Cleanup(func() {
		srv.Close()
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, p := range c.peers {
			_ = p.Close()
		}
	})
	return c
}

// Session returns the next session once both its channels are open,
// failing the test if ctx ends first.
func (c *Cloud) Session(t testing.TB, ctx context.Context) *link.Peer {
	t.Helper()
	select {
	case p := <-c.Sessions:
		select {
		case <-p.Ready():
			return p
		case <-ctx.Done():
			t.Fatal("linktest: cloud side of the session never opened")
		}
	case <-ctx.Done():
		t.Fatal("linktest: no session reached the cloud")
	}
	return nil
}
