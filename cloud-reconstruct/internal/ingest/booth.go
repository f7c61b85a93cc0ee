package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/events"
	"cloudme.dev/cloud-reconstruct/internal/fanout"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/cloud-reconstruct/internal/metrics"
	"cloudme.dev/proto/pb"
)

// Peer is the part of link.Peer a booth session uses.
type Peer interface {
	Ready() <-chan struct{}
	Done() <-chan struct{}
	Control() <-chan link.Message
	Media() <-chan link.Message
	SendControl(env *pb.Envelope) error
	ClockOffset() (offset, rtt time.Duration, ok bool)
	Stats() link.Stats
	Close() error
}

// Publisher fans a booth's encoded model out (fanout.Hub).
type Publisher interface {
	Publish(booth, meeting string, b []byte) fanout.Result
}

// EventSink receives operator events (events.Hub).
type EventSink interface {
	Publish(e events.Event)
}

// EngineFactory builds a booth's engine from its rig.
type EngineFactory func(r *rig.Rig) (engine.Engine, error)

// DefaultHelloTimeout bounds the wait for the data channels and the hello.
const DefaultHelloTimeout = 10 * time.Second

// Params configures a booth session.
type Params struct {
	Peer Peer
	// BoothID is the booth the token grants.
	BoothID string
	// MeetingOf returns the meeting a booth is in now, or "".
	MeetingOf func(booth string) string
	NewEngine EngineFactory
	Fanout    Publisher
	Events    EventSink
	Metrics   *metrics.Metrics
	Logger    *zap.Logger
	// HelloTimeout: 0 means DefaultHelloTimeout.
	HelloTimeout time.Duration
	// OnModel, when set, is called by the engine worker with every model
	// frame just before it is fanned out (tests, benchmarks). The frame's
	// buffers are reused afterwards: copy what you keep.
	OnModel func(*pb.ModelFrame)
	// MinViews: a frame set with fewer views is not reconstructed (dropped
	// as too_few_views; subscribers keep the last model). A camera missing
	// from a set constrains nothing, so the hull of a partial set keeps
	// whole regions of the booth that only the absent cameras would carve
	// away: one view out of eight gives a model twenty times the size and
	// cost. 0 means DefaultMinViews of the rig; above the rig's camera
	// count it means every camera.
	MinViews int
}

// DefaultMinViews is the views a frame set needs when Params.MinViews is
// 0: all but a quarter of the rig's cameras (8 cameras: 6), at least 1.
func DefaultMinViews(cameras int) int { return max(1, cameras-cameras/4) }

// minViews is the views a set from a rig of that many cameras needs.
func (p *Params) minViews(cameras int) int {
	if p.MinViews <= 0 {
		return DefaultMinViews(cameras)
	}
	return min(p.MinViews, cameras)
}

func (p *Params) check() error {
	switch {
	case p.Peer == nil:
		return fmt.Errorf("%w: no peer", ErrParams)
	case p.BoothID == "":
		return fmt.Errorf("%w: no booth id", ErrParams)
	case p.NewEngine == nil:
		return fmt.Errorf("%w: no engine factory", ErrParams)
	case p.Fanout == nil:
		return fmt.Errorf("%w: no fan-out", ErrParams)
	case p.Metrics == nil:
		return fmt.Errorf("%w: no metrics", ErrParams)
	case p.MinViews < 0:
		return fmt.Errorf("%w: min views %d < 0", ErrParams, p.MinViews)
	}
	if p.MeetingOf == nil {
		p.MeetingOf = func(string) string { return "" }
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.Events == nil {
		p.Events = nopSink{}
	}
	if p.HelloTimeout <= 0 {
		p.HelloTimeout = DefaultHelloTimeout
	}
	return nil
}

type nopSink struct{}

func (nopSink) Publish(events.Event) {}

// Booth is one booth's session on the cloud.
type Booth struct {
	p      Params
	log    *zap.Logger
	recent recent

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
	mu     sync.Mutex
	err    error
}

// Start checks the params and starts the session's goroutine.
func Start(ctx context.Context, p Params) (*Booth, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	b := &Booth{p: p, log: p.Logger.With(zap.String("booth", p.BoothID)), cancel: cancel, done: make(chan struct{})}
	go b.run(ctx)
	return b, nil
}

// ID returns the booth id.
func (b *Booth) ID() string { return b.p.BoothID }

// Done is closed when the session has ended.
func (b *Booth) Done() <-chan struct{} { return b.done }

// Err returns why the session ended (nil while it runs, or when it was
// closed by the cloud or the booth without a fault).
func (b *Booth) Err() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// SendControl sends the booth a control message (an operator's audio
// settings) on the session's reliable channel.
func (b *Booth) SendControl(c *pb.Control) error {
	return b.p.Peer.SendControl(&pb.Envelope{Body: &pb.Envelope_Control{Control: c}})
}

// CaptureTime returns the capture time (cloud clock) of a recent model.
func (b *Booth) CaptureTime(seq uint64) (int64, bool) { return b.recent.get(seq) }

// Refuse sends the booth an error, gives it Linger to read it and leave,
// and ends the session.
func (b *Booth) Refuse(code pb.ErrorCode, msg string) {
	sendError(b.p.Peer, code, msg)
	linger(b.p.Peer)
	_ = b.Close()
}

// Linger is how long the cloud waits, after sending an Error, for the
// peer to read it and leave before closing the connection itself:
// closing at once can tear the association down before the message is
// delivered.
const Linger = 500 * time.Millisecond

// linger waits until the peer leaves or Linger passes.
func linger(p Peer) {
	t := time.NewTimer(Linger)
	defer t.Stop()
	select {
	case <-p.Done():
	case <-t.C:
	}
}

// Close ends the session and waits for its goroutines; twice is safe.
func (b *Booth) Close() error {
	b.once.Do(func() {
		b.cancel()
		<-b.done
	})
	return nil
}

func sendError(p Peer, code pb.ErrorCode, msg string) {
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	_ = p.SendControl(&pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Error{Error: &pb.Error{Code: code, Message: msg}}}}})
}

func (b *Booth) fail(err error) {
	b.mu.Lock()
	b.err = err
	b.mu.Unlock()
}

func (b *Booth) run(ctx context.Context) {
	defer close(b.done)
	defer func() { _ = b.p.Peer.Close() }()
	r, err := b.handshake(ctx)
	if err != nil {
		b.fail(err)
		return
	}
	eng, err := b.p.NewEngine(r)
	if err != nil {
		b.fail(fmt.Errorf("%w: %w", ErrRig, err))
		b.log.Warn("refusing booth: cannot configure its engine", zap.Error(err))
		sendError(b.p.Peer, pb.ErrorCode_ERROR_CODE_RIG_MISMATCH, "cannot configure reconstruction for this rig: "+err.Error())
		linger(b.p.Peer)
		return
	}
	defer func() { _ = eng.Close() }()
	meeting := b.p.MeetingOf(b.p.BoothID)
	b.log.Info("booth online", zap.String("meeting", meeting), zap.Int("cameras", len(r.Cameras)), zap.String("engine", eng.Name()))
	b.p.Events.Publish(events.Event{Type: events.BoothOnline, Booth: b.p.BoothID, Meeting: meeting})
	b.p.Metrics.Peers.WithLabelValues(metrics.RoleBooth).Inc()
	defer func() {
		b.p.Metrics.Peers.WithLabelValues(metrics.RoleBooth).Dec()
		m := b.p.MeetingOf(b.p.BoothID)
		b.log.Info("booth offline", zap.String("meeting", m))
		b.p.Events.Publish(events.Event{Type: events.BoothOffline, Booth: b.p.BoothID, Meeting: m})
	}()

	w, err := newWorker(b, r, eng)
	if err != nil {
		b.fail(err)
		b.log.Error("cannot start the engine worker", zap.Error(err))
		sendError(b.p.Peer, pb.ErrorCode_ERROR_CODE_INTERNAL, "cloud cannot encode meshes")
		linger(b.p.Peer)
		return
	}
	var wg sync.WaitGroup
	wctx, wcancel := context.WithCancel(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.run(wctx)
	}()
	defer func() {
		wcancel()
		wg.Wait()
	}()
	b.ingest(ctx, r, w)
}

// handshake waits for the channels and the hello, and returns the rig.
func (b *Booth) handshake(ctx context.Context) (*rig.Rig, error) {
	timer := time.NewTimer(b.p.HelloTimeout)
	defer timer.Stop()
	select {
	case <-b.p.Peer.Ready():
	case <-b.p.Peer.Done():
		return nil, fmt.Errorf("%w: booth left before its channels opened", ErrHello)
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-timer.C:
		b.log.Warn("refusing booth: data channels did not open in time")
		return nil, fmt.Errorf("%w: data channels did not open in %v", ErrHello, b.p.HelloTimeout)
	}
	for {
		select {
		case m := <-b.p.Peer.Control():
			r, err := CheckHello(m.Envelope.GetBoothHello(), b.p.BoothID)
			if err != nil {
				b.log.Warn("refusing booth: bad hello", zap.Error(err))
				b.p.Metrics.Rejected.WithLabelValues("bad_hello").Inc()
				sendError(b.p.Peer, ErrorCode(err), err.Error())
				linger(b.p.Peer)
				return nil, err
			}
			return r, nil
		case <-b.p.Peer.Done():
			return nil, fmt.Errorf("%w: booth left before its hello", ErrHello)
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			b.log.Warn("refusing booth: no hello in time")
			sendError(b.p.Peer, pb.ErrorCode_ERROR_CODE_BAD_MESSAGE, "no BoothHello received")
			linger(b.p.Peer)
			return nil, fmt.Errorf("%w: none within %v", ErrHello, b.p.HelloTimeout)
		}
	}
}

// ingest takes frame sets off the media channel until the session ends.
// It checks each set (its booth, how many views it has, which cameras are
// missing) and hands it to the engine's slot. A set that finds the slot
// empty is decoded here at once, while the engine finishes the set before
// (a paced booth sends one set per engine time, so that is the common
// case); a set that finds another waiting displaces it undecoded, and the
// worker decodes it when it takes it. So sets the engine never takes
// cost at most one decoding per engine time (on a saturated node that
// CPU is what every other stage waits for).
func (b *Booth) ingest(ctx context.Context, r *rig.Rig, w *worker) {
	watch := newCameraWatch(r, cameraHysteresis)
	var inboxDropped uint64
	need := b.p.minViews(len(r.Cameras))
	for {
		select {
		case <-ctx.Done():
			return
		case <-b.p.Peer.Done():
			return
		case m := <-b.p.Peer.Control():
			b.control(m)
		case m := <-b.p.Peer.Media():
			if d := b.p.Peer.Stats().InboxDropped; d > inboxDropped {
				b.p.Metrics.Drops.WithLabelValues(metrics.DropBoothInbox).Add(float64(d - inboxDropped))
				inboxDropped = d
			}
			fs := m.Envelope.GetFrameSet()
			if fs == nil {
				b.log.Warn("ignoring a non-frame-set message on the media channel")
				continue
			}
			if fs.GetBoothId() != b.p.BoothID {
				b.p.Metrics.Drops.WithLabelValues(metrics.DropWrongBooth).Inc()
				b.log.Warn("dropping a frame set of another booth", zap.String("claimed", fs.GetBoothId()))
				continue
			}
			recv := time.Now().UnixNano()
			b.p.Metrics.BytesIn.WithLabelValues(b.p.BoothID).Add(float64(m.Bytes))
			b.p.Metrics.FrameSets.WithLabelValues(b.p.BoothID).Inc()
			missing := missingCameras(r, fs)
			b.cameraEvents(watch.update(missing))
			if n := len(fs.GetViews()); n < need {
				b.p.Metrics.Drops.WithLabelValues(metrics.DropTooFewViews).Inc()
				b.log.Debug("dropping a frame set with too few views", zap.Uint64("sequence", fs.GetSequence()),
					zap.Int("views", n), zap.Int("need", need), zap.Ints("missing", missing))
				continue
			}
			j, err := w.free(ctx)
			if err != nil {
				return
			}
			j.raw, j.recvNs, j.decoded = fs, recv, false
			if w.slot.empty() {
				// Nothing waits for the engine, so this set will be the
				// next it takes (unless a newer one comes first): decode
				// it now, while the engine finishes the one before.
				if !b.decode(j, r) {
					w.recycle(j)
					continue
				}
			}
			w.submit(j)
		}
	}
}

// missingCameras lists the rig's cameras that have no view in fs.
func missingCameras(r *rig.Rig, fs *pb.FrameSet) []int {
	var out []int
	views := fs.GetViews()
	for i := range r.Cameras {
		id := r.Cameras[i].ID
		if !slices.ContainsFunc(views, func(v *pb.View) bool { return int64(v.GetCameraId()) == int64(id) }) {
			out = append(out, id)
		}
	}
	return out
}

// decode decodes j's frame set, converts its times to the cloud clock
// and marks j decoded. A set that does not decode is counted, logged and
// reported false: the caller drops it.
func (b *Booth) decode(j *job, r *rig.Rig) bool {
	fs := j.raw
	if err := frameset.DecodeInto(&j.fs, fs, r); err != nil {
		b.p.Metrics.Drops.WithLabelValues(metrics.DropUndecodable).Inc()
		b.log.Warn("dropping an undecodable frame set", zap.Uint64("sequence", fs.GetSequence()), zap.Error(err))
		return false
	}
	off, _, ok := b.p.Peer.ClockOffset()
	if !ok {
		off = 0
	}
	o := int64(off)
	j.captureNs = toCloud(fs.GetCaptureTimeNs(), o)
	j.boothStages, j.sendNs = convertStages(j.boothStages[:0], fs.GetStages(), o)
	j.decoded = true
	return true
}

// control handles a control message after the hello.
func (b *Booth) control(m link.Message) {
	env := m.Envelope
	switch {
	case env.GetBoothHello() != nil:
		b.log.Warn("ignoring a second hello")
	case env.GetControl().GetError() != nil:
		e := env.GetControl().GetError()
		b.log.Warn("booth reports an error", zap.Stringer("code", e.GetCode()), zap.String("message", e.GetMessage()))
	default:
		b.log.Debug("ignoring a control message", zap.String("type", fmt.Sprintf("%T", env.GetBody())))
	}
}

// cameraHysteresis is how many frame sets in a row a camera must be
// missing from before it is reported degraded, and present in before it
// is reported back: one late frame is not a broken camera, and operators
// must not be flooded (independently paced cameras flapped 37-78 times in
// 10-20 s without it, in the camera drill).
const cameraHysteresis = 3

// cameraWatch tracks each camera's run of missing or present frame sets.
type cameraWatch struct {
	k        int
	ids      []int
	run      map[int]int // > 0: sets present in a row; < 0: missing in a row
	degraded map[int]bool
}

func newCameraWatch(r *rig.Rig, k int) *cameraWatch {
	w := &cameraWatch{k: k, run: map[int]int{}, degraded: map[int]bool{}}
	for _, c := range r.Cameras {
		w.ids = append(w.ids, c.ID)
	}
	return w
}

// update takes one frame set's missing cameras and returns the cameras
// that have now been missing k sets in a row (lost) and the degraded ones
// now present k sets in a row (back).
func (w *cameraWatch) update(missing []int) (lost, back []int) {
	for _, id := range w.ids {
		r := w.run[id]
		if slices.Contains(missing, id) {
			r = min(r, 0) - 1
			if !w.degraded[id] && -r >= w.k {
				w.degraded[id] = true
				lost = append(lost, id)
			}
		} else {
			r = max(r, 0) + 1
			if w.degraded[id] && r >= w.k {
				w.degraded[id] = false
				back = append(back, id)
			}
		}
		w.run[id] = max(min(r, w.k), -w.k)
	}
	return lost, back
}

// cameraEvents logs and publishes cameras that went missing or came back.
func (b *Booth) cameraEvents(lost, back []int) {
	meeting := ""
	if len(lost) > 0 || len(back) > 0 {
		meeting = b.p.MeetingOf(b.p.BoothID)
	}
	if len(lost) > 0 {
		b.log.Warn("cameras degraded", zap.String("meeting", meeting), zap.Ints("cameras", lost))
		b.p.Events.Publish(events.Event{Type: events.CameraDegraded, Booth: b.p.BoothID, Meeting: meeting, Cameras: lost})
	}
	if len(back) > 0 {
		b.log.Info("cameras recovered", zap.String("meeting", meeting), zap.Ints("cameras", back))
		b.p.Events.Publish(events.Event{Type: events.CameraRecovered, Booth: b.p.BoothID, Meeting: meeting, Cameras: back})
	}
}

// IsRefusal reports whether err ended a session because of what the booth
// sent (as opposed to the cloud closing it).
func IsRefusal(err error) bool { return errors.Is(err, ErrHello) || errors.Is(err, ErrRig) }
