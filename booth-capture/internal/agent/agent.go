package agent

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-capture/internal/audio"
	"cloudme.dev/booth-capture/internal/encode"
	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/ops"
	"cloudme.dev/booth-capture/internal/pipeline"
	"cloudme.dev/booth-capture/internal/presence"
	"cloudme.dev/booth-capture/internal/publish"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/booth-capture/internal/source"
	"cloudme.dev/booth-capture/internal/syncer"
	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/pb"
)

// Opener opens a camera's source; the agent calls it again after each
// failure.
type Opener interface {
	Open(ctx context.Context, id uint32) (source.Source, error)
}

// Params configure an Agent.
type Params struct {
	BoothID string
	Rig     *rig.Rig
	Cameras []uint32 // the cameras used, all in Rig
	FPS     float64  // default 30
	Opener  Opener

	CloudURL string
	Token    string // never logged
	Link     link.Config

	Segment  segment.Params
	Encode   encode.Params
	Workers  int
	Presence presence.Params

	// Stall: a camera silent this long is reported stalled (default 2s).
	Stall time.Duration
	// EngineDuty: the share of the cloud engine's time this booth's sets
	// should take, 0.5 to 1; 0 means 1 (see pacer).
	EngineDuty float64
	// Camera re-open backoff: from MinBackoff (default 200ms), doubling,
	// up to MaxBackoff (default 5s). PublishMinBackoff and
	// PublishMaxBackoff do the same for the cloud (publish's defaults).
	MinBackoff, MaxBackoff               time.Duration
	PublishMinBackoff, PublishMaxBackoff time.Duration
	Logger                               *zap.Logger

	// Audio, when set, is the booth's voice, sent as an Opus track on
	// each session (the agent closes it); AudioGain is its mute and
	// volume (nil: unity) and AudioKbps its bitrate (0: default).
	Audio     audio.Source
	AudioGain *audio.Gain
	AudioKbps int
}

// Agent is a running booth.
type Agent struct {
	p       Params
	log     *zap.Logger
	cams    []*camera
	frames  chan frame.Frame
	sets    chan *frame.Set
	relearn chan struct{}
	pr      *pipeline.Processor
	det     *presence.Detector
	pub     *publish.Publisher
	voice   *audio.Sender // nil without audio
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	done    chan struct{}
	once    sync.Once

	segMs, encMs, skewMs *ops.Recorder
	pace                 pacer

	mu        sync.Mutex // guards what follows (written by the stages)
	syncStats syncer.Stats
	syncDrops uint64
	lastSkew  int64
	ready     bool
	// plateMoved: the booth changed while the plates were learned, and
	// the operator was told (once per learning; pipeline goroutine only).
	plateMoved bool
	present    bool
	bytes      uint64
	winStart   time.Time
	winBytes   uint64
	mbps       float64
}

// New validates p and starts the booth.
func New(ctx context.Context, p Params) (*Agent, error) {
	if p.Rig == nil || p.Opener == nil || len(p.Cameras) == 0 {
		return nil, fmt.Errorf("rig, opener and cameras are required: %w", ErrParams)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.FPS == 0 {
		p.FPS = 30
	}
	if p.Stall == 0 {
		p.Stall = 2 * time.Second
	}
	if p.MinBackoff == 0 {
		p.MinBackoff = 200 * time.Millisecond
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = 5 * time.Second
	}
	if p.EngineDuty == 0 {
		p.EngineDuty = 1
	}
	if !(p.FPS > 0) || p.MinBackoff < 0 || p.MaxBackoff < p.MinBackoff || p.Stall < 0 || !(p.EngineDuty >= 0.5 && p.EngineDuty <= 1) {
		return nil, fmt.Errorf("fps %g, backoff %v to %v, stall %v, engine duty %g: %w", p.FPS, p.MinBackoff, p.MaxBackoff, p.Stall, p.EngineDuty, ErrParams)
	}
	hello, err := Hello(p.BoothID, p.Rig, p.Cameras)
	if err != nil {
		return nil, err
	}
	a := &Agent{p: p, log: p.Logger, frames: make(chan frame.Frame, 2*len(p.Cameras)), sets: make(chan *frame.Set, 1),
		relearn: make(chan struct{}, 1), done: make(chan struct{}),
		segMs: ops.NewRecorder(ops.MsBuckets), encMs: ops.NewRecorder(ops.MsBuckets), skewMs: ops.NewRecorder(ops.MsBuckets),
		pace: pacer{duty: p.EngineDuty}}
	var pcams []pipeline.Camera
	for _, id := range p.Cameras {
		rc, _ := p.Rig.Camera(int(id))
		pcams = append(pcams, pipeline.Camera{ID: id, Width: rc.Width, Height: rc.Height})
		a.cams = append(a.cams, &camera{id: id, width: rc.Width, height: rc.Height, state: ops.StateStarting,
			log: p.Logger.With(zap.Uint32("camera", id))})
	}
	period := int64(float64(time.Second) / p.FPS)
	sy, err := syncer.New(syncer.Params{Cameras: slices.Clone(p.Cameras), PeriodNs: period, StallNs: int64(p.Stall)})
	if err != nil {
		return nil, err
	}
	if a.det, err = presence.New(p.Presence); err != nil {
		return nil, err
	}
	if a.pr, err = pipeline.NewProcessor(pipeline.ProcessorParams{Cameras: pcams, Segment: p.Segment, Encode: p.Encode, Workers: p.Workers}); err != nil {
		return nil, err
	}
	ctx, a.cancel = context.WithCancel(ctx)
	var onSession func(*link.Peer)
	if p.Audio != nil {
		if a.voice, err = audio.NewSender(ctx, audio.SenderParams{Source: p.Audio, Gain: p.AudioGain, BitrateKbps: p.AudioKbps,
			Logger: p.Logger.Named("audio")}); err != nil {
			a.cancel()
			a.pr.Close()
			_ = p.Audio.Close()
			return nil, err
		}
		p.Link.AudioSend = p.BoothID
		onSession = func(peer *link.Peer) {
			if peer == nil {
				a.voice.Attach(nil)
				return
			}
			if out := peer.AudioOut(p.BoothID); out != nil {
				a.voice.Attach(out)
			}
		}
	}
	a.pub, err = publish.New(ctx, publish.Params{CloudURL: p.CloudURL, Token: p.Token, Hello: hello, Logger: p.Logger.Named("publish"),
		Link: p.Link, MinBackoff: p.PublishMinBackoff, MaxBackoff: p.PublishMaxBackoff, OnSession: onSession,
		OnAudioSettings: a.applyAudioSettings, OnEngineTook: func(et *pb.EngineTook, rtt time.Duration) {
			a.pace.took(et.GetSequence(), time.Duration(et.GetBusyUs())*time.Microsecond,
				time.Duration(et.GetEarlyUs())*time.Microsecond, rtt, time.Now())
		}})
	if err != nil {
		a.cancel()
		a.pr.Close()
		if a.voice != nil {
			_ = a.voice.Close()
		}
		return nil, err
	}
	for _, c := range a.cams {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			a.runCamera(ctx, c)
		}()
	}
	a.wg.Add(2)
	go func() {
		defer a.wg.Done()
		a.runSync(ctx, sy, time.Duration(period))
	}()
	go func() {
		defer a.wg.Done()
		defer a.pr.Close()
		a.runPipeline(ctx)
	}()
	a.log.Info("booth started", zap.String("booth", p.BoothID), zap.Int("cameras", len(p.Cameras)), zap.Float64("fps", p.FPS),
		zap.String("cloud", p.CloudURL))
	return a, nil
}

// Close stops every goroutine and waits for them. Safe twice.
func (a *Agent) Close() error {
	a.once.Do(func() {
		a.cancel()
		a.wg.Wait()
		_ = a.pub.Close()
		if a.voice != nil {
			_ = a.voice.Close()
		}
		close(a.done)
		a.log.Info("booth stopped")
	})
	<-a.done
	return nil
}

// Relearn asks the pipeline to learn the background plates again from the
// next frame sets (the booth must be empty).
func (a *Agent) Relearn(ctx context.Context) error {
	select {
	case <-a.done:
		return ErrClosed
	default:
	}
	select {
	case a.relearn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	default: // one is pending already
	}
	return nil
}

// PlatesReady reports whether every camera's background plate is
// learned, so a visitor may step in.
func (a *Agent) PlatesReady() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ready
}

// Snapshot reports the booth's state (the ops server's view).
func (a *Agent) Snapshot() ops.Snapshot {
	now := time.Now().UnixNano()
	s := ops.Snapshot{BoothID: a.p.BoothID, SegmentMs: a.segMs.Snapshot(), EncodeMs: a.encMs.Snapshot(), SkewHistogram: a.skewMs.Snapshot()}
	a.mu.Lock()
	for _, c := range a.cams {
		cs := c.status(now, a.p.Stall)
		cs.Stragglers, cs.Missing = a.syncStats.Stragglers[c.id], a.syncStats.Missing[c.id]
		s.Cameras = append(s.Cameras, cs)
	}
	s.Sets, s.SyncDrops, s.SkewMs = a.syncStats.Sets, a.syncDrops, float64(a.lastSkew)/1e6
	s.Paced = a.pace.skipped()
	s.PlateReady, s.Present, s.Bytes, s.BitrateMbps = a.ready, a.present, a.bytes, a.mbps
	a.mu.Unlock()
	ps := a.pub.Stats()
	s.Sent, s.SendDrops, s.Congested, s.Connected = ps.Sent, ps.Dropped, ps.Congested, ps.Connected
	if a.voice != nil {
		muted, volume := a.voice.Gain().State()
		vs := a.voice.Stats()
		s.Audio = &ops.AudioStatus{Muted: muted, Volume: volume, Packets: vs.Packets, Bytes: vs.Bytes, Dropped: vs.Dropped}
	}
	return s
}

var _ ops.Booth = (*Agent)(nil)

// Voice returns the audio sender, or nil when the booth has no audio.
func (a *Agent) Voice() *audio.Sender { return a.voice }

// applyAudioSettings applies an operator's mute/volume command.
func (a *Agent) applyAudioSettings(s *pb.AudioSettings) {
	if a.voice == nil {
		a.log.Warn("operator audio command ignored: this booth has no audio")
		return
	}
	g := a.voice.Gain()
	if s.Muted != nil {
		g.SetMuted(s.GetMuted())
	}
	if s.Volume != nil {
		if err := g.SetVolume(s.GetVolume()); err != nil {
			a.log.Warn("operator audio command refused", zap.Error(err))
			return
		}
	}
	muted, volume := g.State()
	a.log.Info("audio settings changed by the operator", zap.Bool("muted", muted), zap.Float64("volume", volume))
}
