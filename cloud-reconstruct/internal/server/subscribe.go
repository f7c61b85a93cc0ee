package server

import (
	"fmt"
	"net/http"

	"go.uber.org/zap"

	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/fanout"
	"cloudme.dev/cloud-reconstruct/internal/meeting"
	"cloudme.dev/proto/pb"
)

// parseFilter reads ?meeting=&exclude= or ?booth=.
func parseFilter(r *http.Request) (fanout.Filter, error) {
	q := r.URL.Query()
	f := fanout.Filter{Meeting: q.Get("meeting"), Booth: q.Get("booth"), Exclude: q.Get("exclude")}
	switch {
	case (f.Meeting == "") == (f.Booth == ""):
		return f, fmt.Errorf("%w: give exactly one of meeting= or booth=", ErrBadRequest)
	case f.Booth != "" && f.Exclude != "":
		return f, fmt.Errorf("%w: exclude= goes with meeting=", ErrBadRequest)
	}
	for _, id := range []string{f.Meeting, f.Booth, f.Exclude} {
		if id == "" {
			continue
		}
		if err := auth.ValidID(id); err != nil {
			return f, fmt.Errorf("%w: %w", ErrBadRequest, err)
		}
	}
	return f, nil
}

// handleSubscribe: POST /v1/subscribe, a renderer's or watcher's session.
func (s *Server) handleSubscribe(w http.ResponseWriter, r *http.Request) {
	c, tok, err := s.p.Issuer.Authenticate(r)
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	f, err := parseFilter(r)
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	id := newID()
	log := s.log.With(zap.String("meeting", f.Meeting), zap.String("booth", f.Booth), zap.String("exclude", f.Exclude), zap.String("session", id))
	if f.Meeting != "" {
		if !c.Grants.CanSubscribeMeeting(f.Meeting) {
			s.fail(w, r, log, fmt.Errorf("%w: no subscribe grant for meeting %s", auth.ErrForbidden, f.Meeting))
			return
		}
		if _, ok := s.meetings.Get(f.Meeting); !ok {
			s.fail(w, r, log, fmt.Errorf("%w: %s", meeting.ErrNotFound, f.Meeting))
			return
		}
	} else if !c.Grants.CanSubscribeBooth(f.Booth) {
		s.fail(w, r, log, fmt.Errorf("%w: no subscribe grant for booth %s", auth.ErrForbidden, f.Booth))
		return
	}
	peer, answer, err := s.answer(r, log.Named("link"), s.speakers(f))
	if err != nil {
		s.fail(w, r, log, err)
		return
	}
	sub := &fanout.Sub{ID: id, Filter: f, Sender: peer}
	rd := startRenderer(s, peer, sub, log)
	ss := &session{id: id, owner: auth.Fingerprint(tok), kind: kindRenderer, booth: f.Booth, meet: f.Meeting, log: log, rend: rd}
	if _, err := s.register(ss); err != nil {
		rd.refuse(pb.ErrorCode_ERROR_CODE_OVERLOADED, err.Error())
		s.fail(w, r, log, err)
		return
	}
	log.Info("renderer session opened", zap.String("subject", c.Subject))
	created(w, id, answer)
}

// ownedSession returns the session named in the path if the request's
// token opened it; otherwise it writes the error (401, 404 or 403) and
// returns nil.
func (s *Server) ownedSession(w http.ResponseWriter, r *http.Request) *session {
	_, tok, err := s.p.Issuer.Authenticate(r)
	if err != nil {
		s.fail(w, r, s.log, err)
		return nil
	}
	id := r.PathValue("id")
	s.mu.Lock()
	ss := s.sessions[id]
	s.mu.Unlock()
	if ss == nil {
		s.fail(w, r, s.log, fmt.Errorf("%w: %s", ErrNoSession, id))
		return nil
	}
	if ss.owner != auth.Fingerprint(tok) {
		s.fail(w, r, ss.log, fmt.Errorf("%w: only the token that opened a session may use it", auth.ErrForbidden))
		return nil
	}
	return ss
}

// handleGetSession answers 200 while the session exists, to the token
// that opened it. An agent whose link has gone quiet asks it: a 404 means
// this cloud does not know the session (it restarted), so the agent
// redials at once instead of waiting for ICE to give up.
func (s *Server) handleGetSession(w http.ResponseWriter, r *http.Request) {
	if s.ownedSession(w, r) == nil {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, "{\"id\":%q}\n", r.PathValue("id"))
}

// handleDeleteSession: DELETE /v1/sessions/{id} by the token that opened
// it.
func (s *Server) handleDeleteSession(w http.ResponseWriter, r *http.Request) {
	ss := s.ownedSession(w, r)
	if ss == nil {
		return
	}
	if ss.b != nil {
		_ = ss.b.Close()
	} else {
		ss.rend.close()
	}
	ss.log.Info("session ended by its owner")
	w.WriteHeader(http.StatusNoContent)
}

// speakers are the booths a subscriber hears: the watched booth, or every
// booth of the meeting but the excluded one (its own). Each gets a track
// in the answer.
func (s *Server) speakers(f fanout.Filter) []string {
	if f.Booth != "" {
		return []string{f.Booth}
	}
	m, ok := s.meetings.Get(f.Meeting)
	if !ok {
		return nil
	}
	var out []string
	for _, b := range m.Booths {
		if b != f.Exclude {
			out = append(out, b)
		}
	}
	return out
}
