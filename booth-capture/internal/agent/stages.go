package agent

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/booth-capture/internal/syncer"
	"cloudme.dev/proto/pb"
)

// runSync owns the synchronizer: frames in, frame sets out to the
// pipeline, latest wins.
func (a *Agent) runSync(ctx context.Context, sy *syncer.Syncer, period time.Duration) {
	tick := time.NewTicker(period / 2)
	defer tick.Stop()
	for {
		var sets []*frame.Set
		select {
		case <-ctx.Done():
			return
		case f := <-a.frames:
			sets = sy.Add(f, time.Now().UnixNano())
		case <-tick.C:
			sets = sy.Tick(time.Now().UnixNano())
		}
		if len(sets) == 0 {
			continue
		}
		st := sy.Stats()
		a.mu.Lock()
		a.syncStats = st
		a.syncDrops += uint64(len(sets) - 1) // only the newest goes on
		a.lastSkew = sets[len(sets)-1].SkewNs
		a.mu.Unlock()
		for _, s := range sets {
			a.skewMs.Observe(float64(s.SkewNs) / 1e6)
		}
		a.handOver(sets[len(sets)-1])
	}
}

// handOver gives the set to the pipeline, replacing one still waiting.
func (a *Agent) handOver(s *frame.Set) {
	for {
		select {
		case a.sets <- s:
			return
		default:
		}
		select {
		case <-a.sets:
			a.mu.Lock()
			a.syncDrops++
			a.mu.Unlock()
		default:
		}
	}
}

// runPipeline owns the processor and the presence detector: it learns the
// plates while they are not ready, then segments every set and, while
// someone is in the booth, encodes and publishes it.
func (a *Agent) runPipeline(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-a.relearn:
			a.pr.Relearn()
			a.log.Info("re-learning the background plates")
		case s := <-a.sets:
			a.process(s)
		}
	}
}

func (a *Agent) process(s *frame.Set) {
	// Cameras without a plate learn it from this set (the booth is empty
	// at start and when a re-learn is asked); the others segment it.
	learning, anyReady := false, false
	for _, f := range s.Frames {
		if a.pr.CameraReady(f.CameraID) {
			anyReady = true
		} else {
			learning = true
		}
	}
	if learning {
		var moved []error
		for _, err := range a.pr.Learn(s) {
			if errors.Is(err, segment.ErrSceneMoved) {
				moved = append(moved, err)
				continue
			}
			a.log.Warn("learning the plate", zap.Error(err))
		}
		// Said once per learning, not for every frame someone moves in.
		if len(moved) > 0 && !a.plateMoved {
			a.log.Warn("the booth changed while its background was being learned: learning again until it stays still; keep the booth empty",
				zap.Errors("cameras", moved))
			a.plateMoved = true
		}
		ready := a.pr.Ready()
		a.mu.Lock()
		if ready && !a.ready {
			a.log.Info("background plates learned")
			a.plateMoved = false
		}
		a.ready = ready
		a.mu.Unlock()
	}
	if !anyReady {
		return
	}
	t0 := time.Now()
	a.mu.Lock()
	wasPresent := a.present
	a.mu.Unlock()
	if wasPresent && !a.pace.due(t0) {
		return // the cloud's engine would drop it: see pacer
	}
	seg := a.pr.Segment(s)
	a.segMs.Observe(ms(time.Since(t0)))
	for _, err := range seg.Errors {
		if !errors.Is(err, segment.ErrNoPlate) {
			a.log.Debug("segmenting", zap.Error(err))
		}
	}
	present, changed := a.det.Update(seg.Fractions, s.CaptureNs)
	if changed {
		a.log.Info("presence changed", zap.Bool("present", present), zap.Uint64("seq", s.Seq))
	}
	a.mu.Lock()
	a.present = present
	if !present {
		a.mbps, a.winBytes, a.winStart = 0, 0, time.Time{}
	}
	a.mu.Unlock()
	if !present {
		return // nothing sent while nobody is there
	}
	t1 := time.Now()
	views, missing, errs := a.pr.Encode(s)
	encDone := time.Now()
	a.encMs.Observe(ms(encDone.Sub(t1)))
	for _, err := range errs {
		a.log.Debug("encoding", zap.Error(err))
	}
	slices.Sort(missing)
	fs := &pb.FrameSet{BoothId: a.p.BoothID, Sequence: s.Seq, CaptureTimeNs: s.CaptureNs, Views: views,
		MissingCameras: slices.Compact(missing), Stages: []*pb.StageTime{
			{Stage: pb.Stage_STAGE_SYNC, DoneNs: s.SyncedNs},
			{Stage: pb.Stage_STAGE_SEGMENT, DoneNs: seg.DoneNs},
			{Stage: pb.Stage_STAGE_ENCODE, DoneNs: encDone.UnixNano()},
		}}
	var n uint64
	for _, v := range views {
		n += uint64(len(v.GetMask()) + len(v.GetColor()))
	}
	a.count(n, encDone)
	a.pub.Offer(fs)
	a.pace.sent(s.Seq, encDone.Sub(t0), encDone)
}

// count adds n encoded bytes and updates the bitrate once a second.
func (a *Agent) count(n uint64, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.bytes += n
	a.winBytes += n
	if a.winStart.IsZero() {
		a.winStart = now
	}
	if d := now.Sub(a.winStart); d >= time.Second {
		a.mbps = float64(a.winBytes) * 8 / d.Seconds() / 1e6
		a.winStart, a.winBytes = now, 0
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
