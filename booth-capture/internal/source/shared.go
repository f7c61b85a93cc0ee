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
//
// The last heldInstants instants stay held, and a camera is handed the
// oldest held instant it has not had. A camera whose reader was busy
// elsewhere (handing its last frame on) while the first camera already
// rendered the next instant still gets the one the others got, rather
// than skipping to the newest: the rig's frame sets stay whole. (Without
// this, on a loaded machine where a render takes longer than a period,
// cameras took different instants and the synchronizer split the sets
// into pieces too small to reconstruct.) A render runs outside the lock,
// so cameras taking a held instant never wait for one.
type shared struct {
	period time.Duration
	start  time.Time
	prod   produceFunc

	mu        sync.Mutex
	rendered  *sync.Cond // broadcast when an instant is added to held
	rendering bool       // a camera is rendering (outside mu)
	held      []instant  // oldest first, at most heldInstants
	// instant, when set, is told each rendered instant of a synthetic
	// booth with the person in it (OnInstant).
	instant atomic.Pointer[func(motionS float64, captureNs int64)]
	// stepIn, when set, holds the synthetic person out of the booth until
	// it reports true (StepInWhen).
	stepIn atomic.Pointer[func() bool]
}

// heldInstants is how many rendered instants stay available: a camera
// more than that many renders behind the first skips to the oldest held.
const heldInstants = 3

// instant is one rendered instant: every camera's frame at k.
type instant struct {
	k      int64
	frames map[uint32]frame.Frame
	err    error
}

func newShared(fps float64, prod produceFunc) *shared {
	s := &shared{period: time.Duration(float64(time.Second) / fps), start: time.Now(), prod: prod}
	s.rendered = sync.NewCond(&s.mu)
	return s
}

// get returns the oldest held instant at or after next; else, if no
// other camera is rendering, it renders the instant due now (at least
// next; an instant not rendered in time is skipped: latest wins), and if
// one is, it waits for that render. A camera waiting for a render is
// woken by it, not queued behind the next one.
func (s *shared) get(next int64) instant {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		for _, in := range s.held {
			if in.k >= next {
				return in
			}
		}
		if !s.rendering {
			break
		}
		s.rendered.Wait()
	}
	// Nothing held is at or after next, so the newest held is before it.
	s.rendering = true
	k := max(next, int64(time.Since(s.start)/s.period))
	s.mu.Unlock()
	frames, err := s.prod(k, s.start.UnixNano())
	s.mu.Lock()
	in := instant{k: k, frames: frames, err: err}
	if len(s.held) == heldInstants {
		copy(s.held, s.held[1:])
		s.held = s.held[:heldInstants-1]
	}
	s.held = append(s.held, in)
	s.rendering = false
	s.rendered.Broadcast()
	return in
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
	in := m.s.get(m.next)
	if in.k > m.next {
		m.dropped.Add(uint64(in.k - m.next))
	}
	m.next = in.k + 1
	if in.err != nil {
		return frame.Frame{}, in.err
	}
	f, ok := in.frames[m.id]
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
