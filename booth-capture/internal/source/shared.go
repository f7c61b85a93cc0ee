package source

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"cloudme.dev/booth-capture/internal/frame"
)

// produceFunc makes the frames of every camera at instant k (time start +
// k*period), stamped, in fresh buffers.
type produceFunc func(k int64, startNs int64) (map[uint32]frame.Frame, error)

// shared renders each instant once for all the per-camera sources of a
// synthetic booth or dataset: the first camera to ask renders, the others
// take the same instant.
type shared struct {
	period time.Duration
	start  time.Time
	mu     sync.Mutex
	prod   produceFunc
	k      int64
	frames map[uint32]frame.Frame
	err    error
	// instant, when set, is told each rendered instant of a synthetic
	// booth with the person in it (OnInstant).
	instant atomic.Pointer[func(motionS float64, captureNs int64)]
	// stepIn, when set, holds the synthetic person out of the booth until
	// it reports true (StepInWhen).
	stepIn atomic.Pointer[func() bool]
}

func newShared(fps float64, prod produceFunc) *shared {
	return &shared{period: time.Duration(float64(time.Second) / fps), start: time.Now(), prod: prod, k: -1}
}

// get returns the newest instant at or after next: the one already
// rendered if another camera asked for it, else the instant due now (an
// instant not rendered in time is skipped: latest wins).
func (s *shared) get(next int64) (int64, map[uint32]frame.Frame, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.k < next {
		k := max(next, int64(time.Since(s.start)/s.period))
		s.frames, s.err = s.prod(k, s.start.UnixNano())
		s.k = k
	}
	return s.k, s.frames, s.err
}

// member is one camera of a shared source.
type member struct {
	s       *shared
	id      uint32
	next    int64
	dropped atomic.Uint64
	closed  bool
}

func (s *shared) open(id uint32) *member {
	// A re-opened camera starts at the current instant.
	return &member{s: s, id: id, next: int64(time.Since(s.start) / s.period)}
}

func (m *member) Read(ctx context.Context) (frame.Frame, error) {
	if m.closed {
		return frame.Frame{}, ErrClosed
	}
	if err := sleepUntil(ctx, m.s.start.Add(time.Duration(m.next)*m.s.period)); err != nil {
		return frame.Frame{}, err
	}
	k, frames, err := m.s.get(m.next)
	if k > m.next {
		m.dropped.Add(uint64(k - m.next))
	}
	m.next = k + 1
	if err != nil {
		return frame.Frame{}, err
	}
	f, ok := frames[m.id]
	if !ok {
		return frame.Frame{}, fmt.Errorf("camera %d: %w", m.id, ErrCamera)
	}
	return f, nil
}

func (m *member) Dropped() uint64 { return m.dropped.Load() }

func (m *member) Close() error {
	m.closed = true
	return nil
}
