package server

import (
	"context"
	"net/http"
	"testing"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/auth"
)

// GET /v1/sessions/{id} tells the token that opened a session whether the
// cloud still holds it: 200 while it does, 404 once it is gone (a
// restarted cloud knows none), 403 to anybody else.
func TestSessionLookup(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newTestCloud(t)
	tok := c.token(t, auth.Grants{SubscribeBooths: []string{"booth-a"}})
	p, err := c.dial(t, ctx, "/v1/subscribe?booth=booth-a", tok, "render")
	if err != nil {
		t.Fatal(err)
	}
	c.srv.mu.Lock()
	var id string
	for k := range c.srv.sessions {
		id = k
	}
	c.srv.mu.Unlock()
	if id == "" {
		t.Fatal("no session on the cloud")
	}
	other := c.token(t, auth.Grants{SubscribeBooths: []string{"booth-a"}, Publish: "booth-z"})
	for _, r := range []struct {
		name, id, token string
		want            int
	}{
		{"owner", id, tok, http.StatusOK},
		{"another token", id, other, http.StatusForbidden},
		{"no token", id, "", http.StatusUnauthorized},
		{"unknown session", "nope", tok, http.StatusNotFound},
	} {
		if code, body := c.do(t, ctx, "GET", "/v1/sessions/"+r.id, r.token, nil); code != r.want {
			t.Errorf("%s: %d %s, want %d", r.name, code, body, r.want)
		}
	}
	if code, body := c.do(t, ctx, "DELETE", "/v1/sessions/"+id, tok, nil); code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", code, body)
	}
	<-p.Done()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, _ := c.do(t, ctx, "GET", "/v1/sessions/"+id, tok, nil)
		if code == http.StatusNotFound {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("session still answers %d after it ended", code)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
