package server

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sync"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/ingest"
	"cloudme.dev/proto/pb"
)

// Session kinds.
const (
	kindBooth    = "booth"
	kindRenderer = "renderer"
)

// maxOfferBytes bounds an SDP offer.
const maxOfferBytes = 64 << 10

// session is one peer connection the node holds.
type session struct {
	id    string
	owner string // auth.Fingerprint of the token that opened it
	kind  string
	booth string // the publishing booth, or the watched booth
	meet  string // the watched meeting (renderers)
	log   *zap.Logger

	b    *ingest.Booth
	rend *renderer
}

func (ss *session) done() <-chan struct{} {
	if ss.b != nil {
		return ss.b.Done()
	}
	return ss.rend.done
}

// end tells the peer why and closes the session.
func (ss *session) end(code pb.ErrorCode, msg string) {
	ss.log.Info("ending session", zap.Stringer("code", code), zap.String("reason", msg))
	if ss.b != nil {
		ss.b.Refuse(code, msg)
		return
	}
	ss.rend.refuse(code, msg)
}

// endAll ends the sessions in parallel (each lingers for its peer).
func endAll(ss []*session, code pb.ErrorCode, msg string) {
	var wg sync.WaitGroup
	for _, x := range ss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x.end(code, msg)
		}()
	}
	wg.Wait()
}

// register adds a session and unregisters it when it ends. A booth
// session replaces an older one of the same booth (a reconnect).
func (s *Server) register(ss *session) (replaced *session, err error) {
	s.mu.Lock()
	if s.draining.Load() {
		s.mu.Unlock()
		return nil, ErrDraining
	}
	if len(s.sessions) >= s.p.MaxSessions {
		s.mu.Unlock()
		return nil, fmt.Errorf("%w: %d sessions", ErrOverloaded, len(s.sessions))
	}
	s.sessions[ss.id] = ss
	if ss.kind == kindBooth {
		replaced = s.booths[ss.booth]
		s.booths[ss.booth] = ss
	}
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		<-ss.done()
		s.mu.Lock()
		delete(s.sessions, ss.id)
		if ss.kind == kindBooth && s.booths[ss.booth] == ss {
			delete(s.booths, ss.booth)
		}
		s.mu.Unlock()
		ss.log.Info("session ended")
	}()
	return replaced, nil
}

// answer reads the SDP offer and answers it with a new peer that sends
// one audio track per booth in speakers (renderers).
func (s *Server) answer(r *http.Request, log *zap.Logger, speakers []string) (*link.Peer, string, error) {
	if s.draining.Load() {
		return nil, "", ErrDraining
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/sdp" {
		return nil, "", fmt.Errorf("%w: Content-Type must be application/sdp", ErrBadRequest)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxOfferBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("%w: read offer: %v", ErrBadRequest, err)
	}
	if len(body) > maxOfferBytes {
		return nil, "", fmt.Errorf("%w: offer over %d bytes", ErrBadRequest, maxOfferBytes)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.p.SignalTimeout)
	defer cancel()
	cfg := s.p.Link
	cfg.Logger = log
	cfg.AudioOut = speakers
	return link.Answer(ctx, string(body), cfg)
}

// created writes the 201 with the answer and the session's location.
func created(w http.ResponseWriter, id, answer string) {
	w.Header().Set("Location", "/v1/sessions/"+id)
	w.Header().Set("Content-Type", "application/sdp")
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, answer)
}
