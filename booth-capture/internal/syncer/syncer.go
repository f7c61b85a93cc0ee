// Package syncer groups the frames of all cameras into frame sets by
// capture time. It is a pure state machine: the agent's sync goroutine owns
// it and feeds it frames and clock ticks.
package syncer

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"cloudme.dev/booth-capture/internal/frame"
)

// ErrParams is wrapped by parameter errors.
var ErrParams = errors.New("bad synchronizer parameters")

// Params configure a Syncer.
type Params struct {
	Cameras []uint32
	// Tolerance: frames within it of the set's anchor join the set;
	// default half a frame period.
	TolNs int64
	// PeriodNs is the frame period (default 1/30 s).
	PeriodNs int64
	// StallNs: a camera silent this long is not waited for (default 10
	// periods); its frames still join sets when they come.
	StallNs int64
}

// Stats are the synchronizer's counters.
type Stats struct {
	Sets       uint64
	Stragglers map[uint32]uint64 // frames dropped as too late or superseded
	Missing    map[uint32]uint64 // sets a camera was missing from
}

// Syncer assembles frame sets.
type Syncer struct {
	p       Params
	pending map[uint32][]frame.Frame // per camera, oldest first
	lastIn  map[uint32]int64         // arrival (local clock) of the last frame
	start   int64                    // arrival of the first frame
	seq     uint64
	stats   Stats
}

// New returns a Syncer.
func New(p Params) (*Syncer, error) {
	if len(p.Cameras) == 0 {
		return nil, fmt.Errorf("no cameras: %w", ErrParams)
	}
	if p.PeriodNs == 0 {
		p.PeriodNs = int64(time.Second / 30)
	}
	if p.TolNs == 0 {
		p.TolNs = p.PeriodNs / 2
	}
	if p.StallNs == 0 {
		p.StallNs = 10 * p.PeriodNs
	}
	if p.PeriodNs < 0 || p.TolNs < 0 || p.StallNs < 0 {
		return nil, fmt.Errorf("negative period, tolerance or stall time: %w", ErrParams)
	}
	s := &Syncer{p: p, pending: map[uint32][]frame.Frame{}, lastIn: map[uint32]int64{},
		stats: Stats{Stragglers: map[uint32]uint64{}, Missing: map[uint32]uint64{}}}
	for _, id := range p.Cameras {
		s.pending[id] = nil
	}
	return s, nil
}

// Stats returns a copy of the counters.
func (s *Syncer) Stats() Stats {
	c := Stats{Sets: s.stats.Sets, Stragglers: map[uint32]uint64{}, Missing: map[uint32]uint64{}}
	for k, v := range s.stats.Stragglers {
		c.Stragglers[k] = v
	}
	for k, v := range s.stats.Missing {
		c.Missing[k] = v
	}
	return c
}

// Add queues a frame that arrived at nowNs (local clock) and returns the
// sets now complete.
func (s *Syncer) Add(f frame.Frame, nowNs int64) []*frame.Set {
	q, ok := s.pending[f.CameraID]
	if !ok {
		s.stats.Stragglers[f.CameraID]++
		return nil
	}
	if s.start == 0 {
		s.start = nowNs
	}
	s.lastIn[f.CameraID] = nowNs
	q = append(q, f)
	if len(q) > 4 { // latest wins: a camera far ahead drops its oldest
		s.stats.Stragglers[f.CameraID] += uint64(len(q) - 4)
		q = slices.Delete(q, 0, len(q)-4)
	}
	s.pending[f.CameraID] = q
	return s.Tick(nowNs)
}

// Tick emits the sets that are complete, or that waited long enough for
// cameras that are late, at nowNs.
func (s *Syncer) Tick(nowNs int64) []*frame.Set {
	var out []*frame.Set
	for {
		set := s.next(nowNs)
		if set == nil {
			return out
		}
		out = append(out, set)
	}
}

func (s *Syncer) live(id uint32, nowNs int64) bool {
	t, ok := s.lastIn[id]
	if !ok { // not heard from yet: waited for from the first frame on
		t = s.start
	}
	return nowNs-t <= s.p.StallNs
}

// next assembles one set if it can.
func (s *Syncer) next(nowNs int64) *frame.Set {
	// The anchor is the oldest frame waiting anywhere.
	var anchor int64
	found := false
	for _, q := range s.pending {
		if len(q) > 0 && (!found || q[0].CaptureNs < anchor) {
			anchor, found = q[0].CaptureNs, true
		}
	}
	if !found {
		return nil
	}
	// Complete when every live camera has a frame within tolerance or a
	// later one; else wait until the anchor is a tolerance plus a period
	// old (by arrival, the live cameras' frames would be here by then).
	complete := true
	for id, q := range s.pending {
		if !s.live(id, nowNs) {
			continue
		}
		if len(q) == 0 || q[len(q)-1].CaptureNs < anchor-s.p.TolNs {
			complete = false
		}
	}
	if !complete && nowNs-anchor < s.p.TolNs+s.p.PeriodNs {
		return nil
	}
	set := &frame.Set{}
	for _, id := range s.p.Cameras {
		q := s.pending[id]
		took := -1
		for i, f := range q {
			if f.CaptureNs <= anchor+s.p.TolNs {
				took = i
			}
		}
		if took < 0 {
			set.Missing = append(set.Missing, id)
			s.stats.Missing[id]++
			continue
		}
		// Older frames within the window lose to the newest one.
		s.stats.Stragglers[id] += uint64(took)
		set.Frames = append(set.Frames, q[took])
		s.pending[id] = q[took+1:]
	}
	ts := make([]int64, len(set.Frames))
	for i, f := range set.Frames {
		ts[i] = f.CaptureNs
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	set.CaptureNs = ts[len(ts)/2]
	set.SkewNs = ts[len(ts)-1] - ts[0]
	set.Seq = s.seq
	set.SyncedNs = nowNs
	s.seq++
	s.stats.Sets++
	return set
}
