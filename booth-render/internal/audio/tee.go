package audio

import (
	"errors"
	"time"
)

// Tee plays on several sinks at once (the kiosk page and a file); its lead
// is the largest of theirs, so each gets every packet at least its own
// lead ahead.
type Tee []Sink

// Play hands p to every sink; the error joins theirs.
func (t Tee) Play(p Packet) error {
	var errs []error
	for _, s := range t {
		errs = append(errs, s.Play(p))
	}
	return errors.Join(errs...)
}

// Displayed tells every sink.
func (t Tee) Displayed(source string, seq uint64, captureNs, displayNs int64) {
	for _, s := range t {
		s.Displayed(source, seq, captureNs, displayNs)
	}
}

// Lead is the largest lead.
func (t Tee) Lead() time.Duration {
	var l time.Duration
	for _, s := range t {
		l = max(l, s.Lead())
	}
	return l
}

// Close closes every sink.
func (t Tee) Close() error {
	var errs []error
	for _, s := range t {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}
