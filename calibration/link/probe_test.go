package link

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// askSession ends a session only on a certain no: a 404 from the cloud or
// a refused connection. A live session, a server error, a slow or
// unreachable cloud (perhaps only the network is down) keep it.
func TestAskSession(t *testing.T) {
	t.Parallel()
	var status atomic.Int64
	var gotAuth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth.Store(r.Header.Get("Authorization"))
		code := int(status.Load())
		if code == -1 {
			time.Sleep(300 * time.Millisecond)
			return
		}
		w.WriteHeader(code)
	}))
	defer srv.Close()
	client := &http.Client{}
	loc := srv.URL + "/v1/sessions/s1"
	for _, c := range []struct {
		status int
		gone   bool
	}{{http.StatusOK, false}, {http.StatusNotFound, true}, {http.StatusInternalServerError, false}, {http.StatusUnauthorized, false}, {-1, false}} {
		status.Store(int64(c.status))
		err := askSession(client, loc, "tok", 100*time.Millisecond)
		if gone := errors.Is(err, errSessionGone); gone != c.gone {
			t.Errorf("status %d: %v, gone %v want %v", c.status, err, gone, c.gone)
		}
	}
	if a, _ := gotAuth.Load().(string); a != "Bearer tok" {
		t.Errorf("authorization %q", a)
	}
	// Nothing listening on the port: refused, so gone.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	if err := askSession(client, "http://"+addr+"/v1/sessions/s1", "", time.Second); !errors.Is(err, errSessionGone) {
		t.Errorf("refused connection: %v, want gone", err)
	}
}
