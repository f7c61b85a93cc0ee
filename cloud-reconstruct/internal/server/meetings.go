package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"go.uber.org/zap"

	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/events"
	"cloudme.dev/cloud-reconstruct/internal/meeting"
	"cloudme.dev/proto/pb"
)

func isOperator(g auth.Grants) bool { return g.Operator }

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// handleCreateMeeting: POST /v1/meetings {"id":..., "booths":[...]}.
func (s *Server) handleCreateMeeting(w http.ResponseWriter, r *http.Request) {
	c, _, err := s.authorize(r, isOperator, "operator grant needed")
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, meeting.MaxRequestBytes+1))
	if err != nil {
		s.fail(w, r, s.log, fmt.Errorf("%w: read body: %v", ErrBadRequest, err))
		return
	}
	req, err := meeting.ParseCreate(body)
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	m, err := s.meetings.Create(req)
	log := s.log.With(zap.String("meeting", req.ID), zap.Strings("booths", req.Booths))
	if err != nil {
		s.fail(w, r, log, err)
		return
	}
	s.metrics.Meetings.Set(float64(len(s.meetings.List())))
	log.Info("meeting started", zap.String("operator", c.Subject))
	s.events.Publish(events.Event{Type: events.MeetingStarted, Meeting: m.ID, Detail: fmt.Sprint(m.Booths)})
	w.Header().Set("Location", "/v1/meetings/"+m.ID)
	writeJSON(w, http.StatusCreated, m)
}

// handleListMeetings: GET /v1/meetings.
func (s *Server) handleListMeetings(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.authorize(r, isOperator, "operator grant needed"); err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, s.meetings.List())
}

// handleEndMeeting: DELETE /v1/meetings/{id}. Every booth of the meeting
// and every renderer watching it gets pb.Error and is closed.
func (s *Server) handleEndMeeting(w http.ResponseWriter, r *http.Request) {
	c, _, err := s.authorize(r, isOperator, "operator grant needed")
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	id := r.PathValue("id")
	log := s.log.With(zap.String("meeting", id))
	m, err := s.meetings.End(id)
	if err != nil {
		s.fail(w, r, log, err)
		return
	}
	s.metrics.Meetings.Set(float64(len(s.meetings.List())))
	var peers []*session
	s.mu.Lock()
	for _, ss := range s.sessions {
		if (ss.kind == kindBooth && m.Has(ss.booth)) || (ss.kind == kindRenderer && ss.meet == id) {
			peers = append(peers, ss)
		}
	}
	s.mu.Unlock()
	endAll(peers, pb.ErrorCode_ERROR_CODE_FORBIDDEN, "meeting "+id+" ended")
	log.Info("meeting ended", zap.String("operator", c.Subject), zap.Int("sessions_closed", len(peers)))
	s.events.Publish(events.Event{Type: events.MeetingEnded, Meeting: id})
	w.WriteHeader(http.StatusNoContent)
}

// handleEvents: GET /v1/events, the operators' websocket.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	c, _, err := s.authorize(r, isOperator, "operator grant needed")
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	s.mu.Lock()
	if s.draining.Load() {
		s.mu.Unlock()
		s.fail(w, r, s.log, ErrDraining)
		return
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	log := s.log.With(zap.String("operator", c.Subject), zap.String("meeting", ""), zap.String("booth", ""))
	events.Serve(w, r, s.events, s.stopWS, log, s.boothAudio)
}
