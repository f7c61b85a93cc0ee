package page

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/zap"
)

// writeTimeout bounds one write to a page: a page that stops reading is
// dropped rather than holding a model forever.
const writeTimeout = 5 * time.Second

// conn is one page. The handler goroutine reads; a writer goroutine owns
// every write.
type conn struct {
	ws    *websocket.Conn
	wake  chan struct{}
	audio chan []byte // audio messages, in order
}

func (c *conn) wakeUp() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	ws, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		s.log.Warn("page websocket refused", zap.Error(err))
		return
	}
	c := &conn{ws: ws, wake: make(chan struct{}, 1), audio: make(chan []byte, audioQueue)}
	s.mu.Lock()
	select {
	case <-s.ctx.Done():
		s.mu.Unlock()
		_ = ws.Close()
		return
	default:
	}
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	s.log.Info("page connected", zap.String("remote", r.RemoteAddr))
	stop := make(chan struct{})
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		s.write(c, stop)
	}()
	s.read(c)
	close(stop)
	<-writerDone
	_ = ws.Close()
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	s.wg.Done()
	s.log.Info("page disconnected", zap.String("remote", r.RemoteAddr))
}

func (s *Server) read(c *conn) {
	c.ws.SetReadLimit(MaxPageMessage)
	for {
		typ, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		if typ != websocket.TextMessage {
			s.refuse("binary message from the page")
			continue
		}
		m, err := ParsePageMessage(data)
		if err != nil {
			s.refuse(err.Error())
			continue
		}
		s.handle(m)
	}
}

func (s *Server) refuse(why string) {
	s.mu.Lock()
	s.info.Errors++
	s.mu.Unlock()
	s.log.Warn("refusing a page message", zap.String("reason", why))
}

func (s *Server) handle(m PageMessage) {
	switch m.Type {
	case "hello":
		s.mu.Lock()
		s.info.Renderer, s.info.WebGL2 = m.Renderer, m.WebGL2
		s.mu.Unlock()
		s.log.Info("page ready", zap.String("renderer", m.Renderer), zap.String("vendor", m.Vendor), zap.Int("width", m.Width), zap.Int("height", m.Height))
	case "stats":
		s.mu.Lock()
		s.info.FPS = m.FPS
		s.mu.Unlock()
	case "error":
		s.mu.Lock()
		s.info.Errors++
		s.mu.Unlock()
		s.log.Error("page error", zap.String("message", m.Message))
	case "audio":
		s.mu.Lock()
		s.info.AudioPlayed += uint64(m.Played)
		s.info.AudioLate += uint64(m.Late)
		s.info.AudioErrors += uint64(m.Errors)
		s.info.AudioPeak = max(s.info.AudioPeak, m.Peak)
		for _, t := range m.Onsets {
			s.info.AudioOnsetsNs = append(s.info.AudioOnsetsNs, PageMessage{T: t}.UnixNs())
		}
		if n := len(s.info.AudioOnsetsNs); n > maxOnsetsKept {
			s.info.AudioOnsetsNs = s.info.AudioOnsetsNs[n-maxOnsetsKept:]
		}
		s.mu.Unlock()
	case "drawn":
		s.mu.Lock()
		o, ok := s.origins[m.ID]
		s.mu.Unlock()
		if !ok {
			s.refuse("drawn report for an unknown frame")
			return
		}
		s.drawnN.Add(1)
		select {
		case s.drawn <- Drawn{Source: o.source, Seq: o.seq, LocalNs: m.UnixNs()}:
		default:
		}
	}
}

// write sends the config, then on every wake-up the newest model and
// status the page has not had.
func (s *Server) write(c *conn, stop <-chan struct{}) {
	send := func(typ int, b []byte) bool {
		_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
		if err := c.ws.WriteMessage(typ, b); err != nil {
			s.log.Warn("dropping a page that does not read", zap.Error(err))
			_ = c.ws.Close() // ends the reader too
			return false
		}
		return true
	}
	if !send(websocket.TextMessage, s.config) {
		return
	}
	var sentFrame *frame
	var sentStatus *status
	c.wakeUp()
	for {
		select {
		case <-stop:
			return
		case <-s.ctx.Done():
			return
		case <-c.wake:
		case b := <-c.audio:
			if !send(websocket.BinaryMessage, b) {
				return
			}
			continue
		}
		if st := s.status.Load(); st != sentStatus {
			b, _ := json.Marshal(struct {
				Type string `json:"type"`
				*status
			}{"status", st})
			if !send(websocket.TextMessage, b) {
				return
			}
			sentStatus = st
		}
		if f := s.latest.Load(); f != nil && f != sentFrame {
			if sentFrame != nil && f.id-sentFrame.id > 1 {
				s.skipped.Add(uint64(f.id - sentFrame.id - 1))
			}
			if !send(websocket.BinaryMessage, f.data) {
				return
			}
			s.sent.Add(1)
			sentFrame = f
		}
	}
}
