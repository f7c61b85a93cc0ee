package fanout

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"

	"cloudme.dev/calibration/link"
)

// Sender is a subscriber's transport. SendMediaEncoded must not block on
// a slow receiver: it returns link.ErrCongested and drops instead
// (link.Peer does).
type Sender interface {
	SendMediaEncoded(b []byte) error
}

// Filter selects the models a subscriber receives: those of Booth, or of
// every booth of Meeting but Exclude.
type Filter struct {
	Meeting string
	Booth   string
	Exclude string
}

// Wants reports whether a model of booth, which is in meeting (or ""),
// goes to a subscriber with this filter.
func (f Filter) Wants(booth, meeting string) bool {
	if f.Booth != "" {
		return f.Booth == booth
	}
	return f.Meeting != "" && f.Meeting == meeting && booth != f.Exclude
}

// Sub is one subscriber.
type Sub struct {
	ID     string
	Filter Filter
	Sender Sender

	sent, congested, failed atomic.Uint64
}

// Counts is what happened to the models offered to a subscriber.
type Counts struct{ Sent, Congested, Failed uint64 }

// Counts returns the subscriber's counters.
func (s *Sub) Counts() Counts {
	return Counts{Sent: s.sent.Load(), Congested: s.congested.Load(), Failed: s.failed.Load()}
}

// Result sums one Publish.
type Result struct {
	Sent, Congested, Failed int
	Bytes                   int
}

// Hub holds the subscribers. Publish reads a copy-on-write snapshot, so
// adding or removing a subscriber never waits for a send in progress.
type Hub struct {
	mu   sync.Mutex
	subs atomic.Pointer[[]*Sub]
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	h := &Hub{}
	h.subs.Store(&[]*Sub{})
	return h
}

// Add registers a subscriber.
func (h *Hub) Add(s *Sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	next := append(slices.Clone(*h.subs.Load()), s)
	h.subs.Store(&next)
}

// Remove unregisters a subscriber; removing one twice is harmless.
func (h *Hub) Remove(s *Sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	cur := *h.subs.Load()
	next := slices.DeleteFunc(slices.Clone(cur), func(x *Sub) bool { return x == s })
	h.subs.Store(&next)
}

// Matching returns the subscribers whose filter selects f.
func (h *Hub) Matching(pred func(Filter) bool) []*Sub {
	var out []*Sub
	for _, s := range *h.subs.Load() {
		if pred(s.Filter) {
			out = append(out, s)
		}
	}
	return out
}

// Len returns the number of subscribers.
func (h *Hub) Len() int { return len(*h.subs.Load()) }

// Publish sends b, the encoded model of booth (in meeting, or ""), to
// every subscriber that wants it.
func (h *Hub) Publish(booth, meeting string, b []byte) Result {
	var r Result
	for _, s := range *h.subs.Load() {
		if !s.Filter.Wants(booth, meeting) {
			continue
		}
		err := s.Sender.SendMediaEncoded(b)
		switch {
		case err == nil:
			s.sent.Add(1)
			r.Sent++
			r.Bytes += len(b)
		case errors.Is(err, link.ErrCongested):
			s.congested.Add(1)
			r.Congested++
		default:
			s.failed.Add(1)
			r.Failed++
		}
	}
	return r
}
