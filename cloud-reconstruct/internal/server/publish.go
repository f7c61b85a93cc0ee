package server

import (
	"net/http"
	"sync"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/ingest"
	"cloudme.dev/proto/pb"
)

// handlePublish: POST /v1/publish, a booth's session. The booth id comes
// from the token's publish grant.
func (s *Server) handlePublish(w http.ResponseWriter, r *http.Request) {
	c, tok, err := s.authorize(r, func(g auth.Grants) bool { return g.Publish != "" }, "no publish grant")
	if err != nil {
		s.fail(w, r, s.log, err)
		return
	}
	booth := c.Grants.Publish
	id := newID()
	log := s.log.With(zap.String("booth", booth), zap.String("meeting", s.meetings.Of(booth)), zap.String("session", id))
	peer, answer, err := s.answer(r, log.Named("link"), nil)
	if err != nil {
		s.fail(w, r, log, err)
		return
	}
	b, err := ingest.Start(s.ctx, ingest.Params{
		Peer: peer, BoothID: booth, MeetingOf: s.meetings.Of, NewEngine: s.p.NewEngine,
		Fanout: s.fan, Events: s.events, Metrics: s.metrics, Logger: s.log, HelloTimeout: s.p.HelloTimeout, OnModel: s.p.OnModel,
		MinViews: s.p.MinViews,
	})
	if err != nil {
		_ = peer.Close()
		s.fail(w, r, log, err)
		return
	}
	ss := &session{id: id, owner: auth.Fingerprint(tok), kind: kindBooth, booth: booth, log: log, b: b}
	old, err := s.register(ss)
	if err != nil {
		b.Refuse(pb.ErrorCode_ERROR_CODE_OVERLOADED, err.Error())
		s.fail(w, r, log, err)
		return
	}
	if old != nil {
		go old.end(pb.ErrorCode_ERROR_CODE_FORBIDDEN, "replaced by a newer session of this booth")
	}
	s.forwardAudio(booth, peer)
	log.Info("booth session opened", zap.String("subject", c.Subject))
	created(w, id, answer)
}

// forwardAudio forwards each audio track the booth's session brings to
// the renderers that hear the booth, until the session ends.
func (s *Server) forwardAudio(booth string, peer *link.Peer) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		var wg sync.WaitGroup
		defer wg.Wait()
		for {
			select {
			case in := <-peer.AudioIn():
				wg.Add(1)
				go func() {
					defer wg.Done()
					s.audio.Serve(s.ctx, booth, in, peer.ClockOffset)
				}()
			case <-peer.Done():
				return
			}
		}
	}()
}
