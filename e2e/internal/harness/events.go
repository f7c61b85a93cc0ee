package harness

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Event is one operator event from the cloud's /v1/events stream.
type Event struct {
	Type    string    `json:"type"`
	Booth   string    `json:"booth,omitempty"`
	Meeting string    `json:"meeting,omitempty"`
	Cameras []int     `json:"cameras,omitempty"`
	Detail  string    `json:"detail,omitempty"`
	Time    time.Time `json:"time"`
	// At is when the harness received it.
	At time.Time `json:"-"`
}

// Events records the cloud's operator event stream.
type Events struct {
	conn *websocket.Conn
	mu   sync.Mutex
	evs  []Event
	done chan struct{}
}

// WatchEvents opens /v1/events with an operator token.
func WatchEvents(ctx context.Context, cloudURL, token string) (*Events, error) {
	u := "ws" + strings.TrimPrefix(cloudURL, "http") + "/v1/events"
	h := http.Header{"Authorization": []string{"Bearer " + token}}
	conn, resp, err := websocket.DefaultDialer.DialContext(ctx, u, h)
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	e := &Events{conn: conn, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		for {
			_, b, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var ev Event
			if json.Unmarshal(b, &ev) != nil {
				continue
			}
			ev.At = time.Now()
			e.mu.Lock()
			e.evs = append(e.evs, ev)
			e.mu.Unlock()
		}
	}()
	return e, nil
}

// All returns the events so far.
func (e *Events) All() []Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Event(nil), e.evs...)
}

// Close ends the stream and waits.
func (e *Events) Close() {
	_ = e.conn.Close()
	<-e.done
}
