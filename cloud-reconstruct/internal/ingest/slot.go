package ingest

import (
	"context"
	"sync"

	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/pb"
)

// job is one frame set on its way to the engine, with the times the
// model frame will carry: raw as received until the worker decodes it
// into fs. Jobs are recycled through a free list.
type job struct {
	raw         *pb.FrameSet
	recvNs      int64 // received and checked (STAGE_INGEST)
	readyNs     int64 // handed to the engine's slot
	decoded     bool  // raw is decoded into fs
	fs          frameset.FrameSet
	captureNs   int64           // cloud clock
	boothStages []*pb.StageTime // converted to the cloud clock
	sendNs      int64           // the booth's STAGE_SEND on the cloud clock, or 0
}

// slot holds at most one job waiting for the engine: putting a new one
// displaces the old, which the caller drops and recycles.
type slot struct {
	mu      sync.Mutex
	pending *job
	ready   chan struct{}
}

func newSlot() *slot { return &slot{ready: make(chan struct{}, 1)} }

// put stores j and returns the job it displaced, if any.
func (s *slot) put(j *job) *job {
	s.mu.Lock()
	old := s.pending
	s.pending = j
	s.mu.Unlock()
	select {
	case s.ready <- struct{}{}:
	default:
	}
	return old
}

// empty reports whether no job waits.
func (s *slot) empty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pending == nil
}

// take waits for a job.
func (s *slot) take(ctx context.Context) (*job, error) {
	for {
		s.mu.Lock()
		j := s.pending
		s.pending = nil
		s.mu.Unlock()
		if j != nil {
			return j, nil
		}
		select {
		case <-s.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
