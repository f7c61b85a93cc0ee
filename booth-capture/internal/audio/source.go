package audio

import (
	"context"
	"sync/atomic"
	"time"
)

// Source delivers consecutive blocks as they are captured. Read blocks
// until the next block is complete. Sources are not safe for concurrent
// use; Close may be called from another goroutine than Read.
type Source interface {
	Read(ctx context.Context) (Block, error)
	// Dropped counts blocks lost because the reader fell behind.
	Dropped() uint64
	Close() error
}

// maxBehind is how far a reader may fall behind a paced source before
// the source skips ahead (and counts the blocks skipped).
const maxBehind = 500 * time.Millisecond

// pacer times a generated source like a live one: block n covers
// [start+n·10ms, start+(n+1)·10ms) and is delivered once that interval,
// plus a margin, has passed on the wall clock.
type pacer struct {
	start   int64
	n       int64
	margin  int64
	dropped atomic.Uint64
	closed  chan struct{}
	once    atomic.Bool
}

func newPacer(margin time.Duration) *pacer {
	return &pacer{start: AlignNs(time.Now().UnixNano()), margin: int64(margin), closed: make(chan struct{})}
}

// next waits for the next block and returns its capture time and index.
func (p *pacer) next(ctx context.Context) (int64, int64, error) {
	select {
	case <-p.closed:
		return 0, 0, ErrClosed
	default:
	}
	now := time.Now().UnixNano()
	if behind := now - (p.start + (p.n+1)*BlockNs + p.margin); behind > int64(maxBehind) {
		skip := behind / BlockNs
		p.n += skip
		p.dropped.Add(uint64(skip))
	}
	at := p.start + p.n*BlockNs
	if d := time.Until(time.Unix(0, at+BlockNs+p.margin)); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		case <-p.closed:
			return 0, 0, ErrClosed
		}
	}
	n := p.n
	p.n++
	return at, n, nil
}

func (p *pacer) close() {
	if p.once.CompareAndSwap(false, true) {
		close(p.closed)
	}
}
