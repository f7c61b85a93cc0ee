package ingest

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/metrics"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// jobs is the number of frame-set buffers a booth cycles: one being
// handed on, one waiting, one in the engine.
const jobs = 3

// worker drives a booth's engine from the latest-wins slot.
type worker struct {
	b     *Booth
	rig   *rig.Rig
	eng   engine.Engine
	slot  *slot
	pool  chan *job
	enc   *meshcodec.Encoder
	mesh  mesh.Mesh
	buf   []byte
	stage []*pb.StageTime
	now   func() int64
	// recent holds the last sets' times, take to publish (a ring); their
	// median is told to the booth with each take so that it paces its sets.
	recent [busyWindow]time.Duration
	nTimed int
	freeNs int64 // when the engine finished its last set; 0: none yet
}

// busyWindow is how many recent sets the engine's time per set is the
// median of; a notice is sent once busyMinSets are timed. A median, not
// an average: one slow set (the first, say, with its page faults, or one
// stalled by the machine) must not pace a booth to a crawl for the many
// sets an average would take to forget it.
const (
	busyWindow  = 7
	busyMinSets = 3
)

func newWorker(b *Booth, r *rig.Rig, eng engine.Engine) (*worker, error) {
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		return nil, err
	}
	w := &worker{b: b, rig: r, eng: eng, slot: newSlot(), pool: make(chan *job, jobs), enc: enc, now: func() int64 { return time.Now().UnixNano() }}
	for i := 0; i < jobs; i++ {
		w.pool <- &job{}
	}
	return w, nil
}

// free returns an unused job buffer.
func (w *worker) free(ctx context.Context) (*job, error) {
	select {
	case j := <-w.pool:
		return j, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (w *worker) recycle(j *job) { w.pool <- j }

// submit hands j to the engine, dropping the frame set it displaces.
func (w *worker) submit(j *job) {
	j.readyNs = w.now()
	if old := w.slot.put(j); old != nil {
		w.b.p.Metrics.Drops.WithLabelValues(metrics.DropEngineBusy).Inc()
		w.recycle(old)
	}
}

func (w *worker) run(ctx context.Context) {
	for {
		j, err := w.slot.take(ctx)
		if err != nil {
			return
		}
		t := w.now()
		w.tell(j)
		w.process(ctx, j)
		w.freeNs = w.now()
		w.observe(time.Duration(w.freeNs - t))
		j.raw = nil
		w.recycle(j)
	}
}

// tell sends the booth an EngineTook for j, once the worker's time per
// set is known. A booth paces its sets by it; one that cannot be told
// (the control channel failing) falls back to sending every set.
func (w *worker) tell(j *job) {
	busy, ok := w.busy()
	if !ok {
		return
	}
	us := min(max(busy.Microseconds(), 1), wire.MaxEngineBusyUs)
	env := &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_EngineTook{
		EngineTook: &pb.EngineTook{Sequence: j.raw.GetSequence(), BusyUs: uint32(us), EarlyUs: w.early(j, us)}}}}}
	if err := w.b.p.Peer.SendControl(env); err != nil {
		w.b.log.Debug("cannot tell the booth the engine took its set", zap.Error(err))
	}
}

// early is how long j waited in the slot for the engine (positive) or the
// engine for j (negative), in microseconds within ±busyUs; 0 after a
// pause (the engine idle more than two busy times: nobody was sending).
func (w *worker) early(j *job, busyUs int64) int32 {
	if w.freeNs == 0 {
		return 0
	}
	e := (w.freeNs - j.readyNs) / 1000
	if e < -2*busyUs {
		return 0
	}
	return int32(min(max(e, -busyUs), busyUs))
}

// observe records one set's time, take to publish.
func (w *worker) observe(d time.Duration) {
	w.recent[w.nTimed%busyWindow] = d
	w.nTimed++
}

// busy is the median of the recent sets' times; false until busyMinSets
// sets are timed.
func (w *worker) busy() (time.Duration, bool) {
	if w.nTimed < busyMinSets {
		return 0, false
	}
	d := slices.Clone(w.recent[:min(w.nTimed, busyWindow)])
	slices.Sort(d)
	return d[len(d)/2], true
}

func (w *worker) process(ctx context.Context, j *job) {
	b := w.b
	m := b.p.Metrics
	if !j.decoded && !b.decode(j, w.rig) {
		return
	}
	t0 := w.now()
	st, err := w.eng.Reconstruct(ctx, &j.fs, &w.mesh)
	tEnd := w.now()
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		m.Drops.WithLabelValues(metrics.DropEngineError).Inc()
		level := b.log.Warn
		if errors.Is(err, engine.ErrEmptyMask) {
			level = b.log.Debug // nobody in the booth
		}
		level("reconstruction failed", zap.String("meeting", b.p.MeetingOf(b.p.BoothID)), zap.Uint64("sequence", j.fs.Sequence), zap.Error(err))
		return
	}
	if w.mesh.TriangleCount() == 0 {
		m.Drops.WithLabelValues(metrics.DropEngineError).Inc()
		b.log.Debug("empty model, nothing to send", zap.Uint64("sequence", j.fs.Sequence))
		return
	}
	hull := min(t0+int64(st.Hull), tEnd)
	surface := min(hull+int64(st.Surface), tEnd)
	color := min(surface+int64(st.Color), tEnd)
	w.buf, err = w.enc.Encode(w.buf[:0], &w.mesh)
	if err != nil {
		m.Drops.WithLabelValues(metrics.DropEncodeFailed).Inc()
		b.log.Error("mesh encoding failed", zap.Uint64("sequence", j.fs.Sequence), zap.Error(err))
		return
	}
	encoded := w.now()
	lo, hi := w.mesh.Bounds()
	w.stage = append(w.stage[:0], j.boothStages...)
	w.stage = append(w.stage,
		&pb.StageTime{Stage: pb.Stage_STAGE_INGEST, DoneNs: j.recvNs},
		&pb.StageTime{Stage: pb.Stage_STAGE_QUEUE, DoneNs: max(t0, j.recvNs)},
		&pb.StageTime{Stage: pb.Stage_STAGE_HULL, DoneNs: hull},
		&pb.StageTime{Stage: pb.Stage_STAGE_SURFACE, DoneNs: surface},
		&pb.StageTime{Stage: pb.Stage_STAGE_COLOR, DoneNs: color},
		&pb.StageTime{Stage: pb.Stage_STAGE_MESH_ENCODE, DoneNs: encoded},
	)
	mf := &pb.ModelFrame{
		SourceBooth:   b.p.BoothID,
		Sequence:      j.fs.Sequence,
		CaptureTimeNs: j.captureNs,
		Mesh:          w.buf,
		MeshCodec:     pb.MeshCodec_MESH_CODEC_CMESH_V1,
		Bounds:        &pb.Box{Min: &pb.Vec3{X: lo[0], Y: lo[1], Z: lo[2]}, Max: &pb.Vec3{X: hi[0], Y: hi[1], Z: hi[2]}},
	}
	fan := w.now()
	mf.Stages = append(w.stage, &pb.StageTime{Stage: pb.Stage_STAGE_FANOUT, DoneNs: fan})
	if b.p.OnModel != nil {
		b.p.OnModel(mf)
	}
	frame, err := wire.Encode(&pb.Envelope{ProtocolVersion: wire.ProtocolVersion, Body: &pb.Envelope_ModelFrame{ModelFrame: mf}})
	if err != nil {
		m.Drops.WithLabelValues(metrics.DropEncodeFailed).Inc()
		b.log.Error("model frame encoding failed", zap.Uint64("sequence", j.fs.Sequence), zap.Error(err))
		return
	}
	meeting := b.p.MeetingOf(b.p.BoothID)
	res := b.p.Fanout.Publish(b.p.BoothID, meeting, frame)
	b.recent.add(j.fs.Sequence, j.captureNs)
	m.Models.WithLabelValues(b.p.BoothID).Inc()
	m.BytesOut.WithLabelValues(b.p.BoothID).Add(float64(res.Bytes))
	if res.Congested > 0 {
		m.Drops.WithLabelValues(metrics.DropCongested).Add(float64(res.Congested))
	}
	if res.Failed > 0 {
		m.Drops.WithLabelValues(metrics.DropSendFailed).Add(float64(res.Failed))
	}
	observeStages(m, j, mf.Stages)
}

// observeStages records each cloud stage's duration and its time since
// capture.
func observeStages(m *metrics.Metrics, j *job, stages []*pb.StageTime) {
	prev := j.sendNs
	if prev == 0 {
		prev = j.captureNs
	}
	for _, s := range stages {
		if s.GetStage() < pb.Stage_STAGE_INGEST {
			continue
		}
		name := stageName(s.GetStage())
		m.Stage.WithLabelValues(name).Observe(metrics.Seconds(s.GetDoneNs() - prev))
		m.SinceCapture.WithLabelValues(name).Observe(metrics.Seconds(s.GetDoneNs() - j.captureNs))
		prev = s.GetDoneNs()
	}
}

// stageName is the stage's short lower-case name ("mesh_encode").
func stageName(s pb.Stage) string {
	n := s.String()
	const prefix = "STAGE_"
	if len(n) > len(prefix) && n[:len(prefix)] == prefix {
		n = n[len(prefix):]
	}
	out := []byte(n)
	for i, c := range out {
		if c >= 'A' && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}
