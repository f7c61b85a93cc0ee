package events

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultBuffer is how many events a client may fall behind before it is
// dropped.
const DefaultBuffer = 64

// Sub is one client's subscription. C is closed when the client is
// dropped (too slow) or the hub closes.
type Sub struct {
	C       <-chan Event
	c       chan Event
	dropped atomic.Bool
}

// Dropped reports whether the hub dropped the client for being slow.
func (s *Sub) Dropped() bool { return s.dropped.Load() }

// Hub distributes events from one owner goroutine.
type Hub struct {
	in     chan Event
	sub    chan *Sub
	unsub  chan *Sub
	buffer int
	now    func() time.Time

	lost   atomic.Uint64
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// NewHub starts a hub; buffer <= 0 means DefaultBuffer.
func NewHub(buffer int) *Hub {
	if buffer <= 0 {
		buffer = DefaultBuffer
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &Hub{in: make(chan Event, 256), sub: make(chan *Sub), unsub: make(chan *Sub), buffer: buffer,
		now: time.Now, cancel: cancel, done: make(chan struct{})}
	go h.run(ctx)
	return h
}

// Publish hands an event to the hub without blocking; if the hub itself
// is saturated the event is lost and counted. A zero Time is set to now.
func (h *Hub) Publish(e Event) {
	if e.Time.IsZero() {
		e.Time = h.now().UTC()
	}
	select {
	case h.in <- e:
	default:
		h.lost.Add(1)
	}
}

// Lost counts events the hub could not take.
func (h *Hub) Lost() uint64 { return h.lost.Load() }

// Subscribe adds a client. It returns nil once the hub is closed.
func (h *Hub) Subscribe() *Sub {
	c := make(chan Event, h.buffer)
	s := &Sub{C: c, c: c}
	select {
	case h.sub <- s:
		return s
	case <-h.done:
		return nil
	}
}

// Unsubscribe removes a client; safe after the hub dropped it or closed.
func (h *Hub) Unsubscribe(s *Sub) {
	if s == nil {
		return
	}
	select {
	case h.unsub <- s:
	case <-h.done:
	}
}

func (h *Hub) run(ctx context.Context) {
	defer close(h.done)
	subs := map[*Sub]bool{}
	defer func() {
		for s := range subs {
			close(s.c)
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-h.sub:
			subs[s] = true
		case s := <-h.unsub:
			if subs[s] {
				delete(subs, s)
				close(s.c)
			}
		case e := <-h.in:
			for s := range subs {
				select {
				case s.c <- e:
				default:
					s.dropped.Store(true)
					delete(subs, s)
					close(s.c)
				}
			}
		}
	}
}

// Close stops the hub and closes every subscription; twice is safe.
func (h *Hub) Close() error {
	h.once.Do(func() {
		h.cancel()
		<-h.done
	})
	return nil
}
