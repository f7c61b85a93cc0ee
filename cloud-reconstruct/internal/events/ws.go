package events

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/zap"
)

// writeWait bounds one write to a websocket client.
const writeWait = 2 * time.Second

var upgrader = websocket.Upgrader{
	ReadBufferSize:  1024,
	WriteBufferSize: 4096,
	// Operators use the CLI or a dashboard behind the same origin; the
	// bearer token, not the origin, is the credential.
	CheckOrigin: func(*http.Request) bool { return true },
}

// Serve upgrades the request to a websocket and streams events as JSON
// text messages until the client leaves, is too slow, or stop is closed.
// The caller has already authorised the request. Text messages the
// operator sends are commands (see Command), handed to onCommand (nil:
// every command is refused); a refused or malformed command is answered
// with a CommandRefused event to every operator.
func Serve(w http.ResponseWriter, r *http.Request, h *Hub, stop <-chan struct{}, log *zap.Logger, onCommand func(Command) error) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Info("events: websocket upgrade failed", zap.Error(err))
		return
	}
	sub := h.Subscribe()
	if sub == nil {
		_ = conn.Close()
		return
	}
	defer h.Unsubscribe(sub)
	gone := make(chan struct{})
	defer func() {
		_ = conn.Close()
		<-gone
	}()
	go func() {
		// Read commands until the client closes, so control frames are
		// handled and a departure is seen.
		defer close(gone)
		conn.SetReadLimit(512)
		for {
			kind, msg, err := conn.ReadMessage()
			if err != nil {
				return
			}
			if kind != websocket.TextMessage {
				continue
			}
			if err := handleCommand(msg, onCommand); err != nil {
				log.Warn("events: operator command refused", zap.Error(err))
				h.Publish(Event{Type: CommandRefused, Detail: err.Error()})
			}
		}
	}()
	log.Info("events: operator connected")
	for {
		select {
		case e, ok := <-sub.C:
			if !ok {
				reason := "server closing"
				if sub.Dropped() {
					reason = "too slow: reconnect"
					log.Warn("events: dropping a slow operator client")
				}
				_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseTryAgainLater, reason), time.Now().Add(writeWait))
				return
			}
			_ = conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := conn.WriteJSON(e); err != nil {
				log.Info("events: operator client write failed", zap.Error(err))
				return
			}
		case <-gone:
			log.Info("events: operator disconnected")
			return
		case <-stop:
			_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down"), time.Now().Add(writeWait))
			return
		}
	}
}
