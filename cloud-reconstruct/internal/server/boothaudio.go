package server

import (
	"fmt"

	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/events"
	"cloudme.dev/proto/pb"
)

// boothAudio carries an operator's booth_audio command (from the events
// websocket) to the booth over its session's control channel, and tells
// every operator it did.
func (s *Server) boothAudio(c events.Command) error {
	if err := auth.ValidID(c.Booth); err != nil {
		return fmt.Errorf("%w: %w", events.ErrCommand, err)
	}
	s.mu.Lock()
	ss := s.booths[c.Booth]
	s.mu.Unlock()
	if ss == nil {
		return fmt.Errorf("%w: booth %s is not connected", events.ErrCommand, c.Booth)
	}
	set := &pb.AudioSettings{Muted: c.Muted, Volume: c.Volume}
	if err := ss.b.SendControl(&pb.Control{Kind: &pb.Control_AudioSettings{AudioSettings: set}}); err != nil {
		return fmt.Errorf("%w: booth %s: %w", events.ErrCommand, c.Booth, err)
	}
	ss.log.Info("operator audio command sent to the booth")
	s.events.Publish(events.Event{Type: events.BoothAudio, Booth: c.Booth, Meeting: s.meetings.Of(c.Booth), Muted: c.Muted, Volume: c.Volume})
	return nil
}
