package events

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/zap/zaptest"
)

func TestServeStreamsJSON(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h := NewHub(0)
	defer h.Close()
	stop := make(chan struct{})
	log := zaptest.NewLogger(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { Serve(w, r, h, stop, log, nil) }))
	defer srv.Close()
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, "ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The subscription is made after the upgrade; publish until one lands.
	got := make(chan Event, 1)
	go func() {
		var e Event
		if err := conn.ReadJSON(&e); err == nil {
			got <- e
		}
		close(got)
	}()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		h.Publish(Event{Type: CameraDegraded, Booth: "booth-a", Meeting: "m1", Cameras: []int{3}})
		select {
		case e, ok := <-got:
			if !ok || e.Type != CameraDegraded || e.Booth != "booth-a" || e.Meeting != "m1" || len(e.Cameras) != 1 {
				t.Fatalf("got %+v", e)
			}
			close(stop)
			_, _, err := conn.ReadMessage()
			for err == nil {
				_, _, err = conn.ReadMessage()
			}
			if !websocket.IsCloseError(err, websocket.CloseGoingAway) {
				t.Fatalf("close: %v", err)
			}
			return
		case <-tick.C:
		case <-ctx.Done():
			t.Fatal("no event")
		}
	}
}
