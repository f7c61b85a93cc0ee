package subscribe

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-render/internal/audio"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

// Params configure a Subscriber.
type Params struct {
	// Cloud is the cloud's base URL, e.g. http://cloud:8080.
	Cloud  string
	Target Target
	// Token is the bearer token with the subscribe grant; never logged.
	Token string
	// RendererID names this renderer in display reports ([A-Za-z0-9._-],
	// at most 64 bytes).
	RendererID string
	Logger     *zap.Logger
	// Link configures the WebRTC session (its Logger defaults to Logger).
	Link link.Config
	// Limits bound every decoded mesh (zero: meshcodec defaults).
	Limits meshcodec.Limits
	// Retry is the first reconnect delay, doubled up to MaxRetry
	// (defaults 500 ms and 10 s).
	Retry, MaxRetry time.Duration
	// Audio, when set, is handed every audio track the cloud sends; the
	// session then offers AudioTracks receive-only audio sections
	// (default 4: the most booths heard at once).
	Audio       AudioPlayer
	AudioTracks int
}

// AudioPlayer plays audio tracks (audio.Player).
type AudioPlayer interface {
	Track(t audio.TrackIn, clock audio.Clock)
}

// Stats counts what the subscriber did.
type Stats struct {
	Sessions    uint64 // sessions opened
	Models      uint64 // models decoded and handed on
	Undecodable uint64 // model frames whose mesh did not decode
	Superseded  uint64 // decoded models replaced before the reader took them
	Reports     uint64 // display reports sent
	ReportsLost uint64 // display reports not sent (no session, queue full)
}

// Subscriber owns the session with the cloud. Its methods are safe for
// concurrent use.
type Subscriber struct {
	p      Params
	url    string
	log    *zap.Logger
	models chan *model.Model
	report chan shown
	state  atomic.Int32
	peer   atomic.Pointer[link.Peer] // the open session, or nil
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	sessions, decoded, undecodable, superseded, reports, reportsLost atomic.Uint64
}

type shown struct {
	source  string
	seq     uint64
	localNs int64
}

var rendererID = func(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// New validates p and starts subscribing; ctx bounds the subscriber's life
// as Close does.
func New(ctx context.Context, p Params) (*Subscriber, error) {
	u, err := p.Target.URL(p.Cloud)
	if err != nil {
		return nil, err
	}
	if !rendererID(p.RendererID) {
		return nil, fmt.Errorf("%w: renderer id %q: want 1-64 of [A-Za-z0-9._-]", ErrParams, p.RendererID)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.Link.Logger == nil {
		p.Link.Logger = p.Logger.Named("link")
	}
	if p.Retry <= 0 {
		p.Retry = 500 * time.Millisecond
	}
	if p.Audio != nil {
		if p.AudioTracks <= 0 {
			p.AudioTracks = 4
		}
		p.Link.AudioReceive = p.AudioTracks
	}
	if p.MaxRetry < p.Retry {
		p.MaxRetry = max(10*time.Second, p.Retry)
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Subscriber{
		p: p, url: u, log: p.Logger,
		models: make(chan *model.Model, 1),
		report: make(chan shown, 64),
		cancel: cancel,
		done:   make(chan struct{}),
	}
	go s.run(ctx)
	return s, nil
}

// Models delivers decoded models, only the newest when the reader falls
// behind.
func (s *Subscriber) Models() <-chan *model.Model { return s.models }

// State says where the session stands.
func (s *Subscriber) State() State { return State(s.state.Load()) }

// Shown reports that the model (source, seq) appeared on the display at
// localNs (Unix ns, this machine's clock). The report goes to the cloud on
// its own clock; it is dropped (and counted) when no session is open.
func (s *Subscriber) Shown(source string, seq uint64, localNs int64) {
	select {
	case s.report <- shown{source, seq, localNs}:
	default:
		s.reportsLost.Add(1)
	}
}

// ToLocal converts a time on the cloud's clock (a model's capture time) to
// this machine's; ok is false with no session or no clock estimate yet.
func (s *Subscriber) ToLocal(cloudNs int64) (int64, bool) {
	p := s.peer.Load()
	if p == nil {
		return 0, false
	}
	return toLocal(p, cloudNs)
}

// toLocal converts with peer's offset (the cloud's clock minus ours).
func toLocal(p *link.Peer, cloudNs int64) (int64, bool) {
	off, _, ok := p.ClockOffset()
	if !ok {
		return 0, false
	}
	return cloudNs - int64(off), true
}

// Stats returns the counters.
func (s *Subscriber) Stats() Stats {
	return Stats{
		Sessions: s.sessions.Load(), Models: s.decoded.Load(), Undecodable: s.undecodable.Load(),
		Superseded: s.superseded.Load(), Reports: s.reports.Load(), ReportsLost: s.reportsLost.Load(),
	}
}

// Close ends the session and waits for the subscriber to stop. Closing
// twice is safe.
func (s *Subscriber) Close() error {
	s.once.Do(s.cancel)
	<-s.done
	return nil
}

func (s *Subscriber) run(ctx context.Context) {
	defer close(s.done)
	defer s.state.Store(int32(Closed))
	dec := model.NewDecoder(s.p.Limits)
	wait := s.p.Retry
	for ctx.Err() == nil {
		s.state.Store(int32(Connecting))
		peer, err := link.Dial(ctx, link.DialParams{URL: s.url, Token: s.p.Token, Config: s.p.Link})
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if errors.Is(err, link.ErrRejected) {
				s.state.Store(int32(Rejected))
			}
			s.log.Warn("subscribe failed; retrying", zap.Error(err), zap.Duration("retry_in", wait))
			s.drainReports()
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, s.p.MaxRetry)
			continue
		}
		wait = s.p.Retry
		s.sessions.Add(1)
		s.state.Store(int32(Connected))
		s.log.Info("subscribed", zap.String("meeting", s.p.Target.Meeting), zap.String("booth", s.p.Target.Booth))
		s.peer.Store(peer)
		s.serve(ctx, peer, dec)
		s.peer.Store(nil)
		_ = peer.Close()
		if ctx.Err() == nil {
			s.log.Warn("session ended; reconnecting", zap.NamedError("reason", peer.Err()))
		}
	}
}

// drainReports drops reports queued while no session is open.
func (s *Subscriber) drainReports() {
	for {
		select {
		case <-s.report:
			s.reportsLost.Add(1)
		default:
			return
		}
	}
}

// serve handles one open session until it ends or ctx does.
func (s *Subscriber) serve(ctx context.Context, peer *link.Peer, dec *model.Decoder) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-peer.Done():
			return
		case m := <-peer.Media():
			mf := m.Envelope.GetModelFrame()
			if mf == nil {
				s.log.Warn("ignoring a media message that is not a model frame")
				continue
			}
			md, err := dec.Decode(mf, m.ReceivedNs)
			if err != nil {
				s.undecodable.Add(1)
				s.log.Warn("dropping model", zap.Error(err))
				continue
			}
			s.decoded.Add(1)
			s.deliver(md)
		case in := <-peer.AudioIn():
			if s.p.Audio == nil {
				continue
			}
			s.p.Audio.Track(in, func(cloudNs int64) (int64, bool) { return toLocal(peer, cloudNs) })
		case m := <-peer.Control():
			if e := m.Envelope.GetControl().GetError(); e != nil {
				s.log.Error("cloud reports an error", zap.Stringer("code", e.GetCode()), zap.String("message", e.GetMessage()))
			}
		case r := <-s.report:
			env := &pb.Envelope{Body: &pb.Envelope_DisplayReport{DisplayReport: &pb.DisplayReport{
				SourceBooth: r.source, Sequence: r.seq,
				DisplayTimeNs: peer.RemoteTime(r.localNs), RendererId: s.p.RendererID,
			}}}
			if err := peer.SendControl(env); err != nil {
				s.reportsLost.Add(1)
				s.log.Debug("display report not sent", zap.Error(err))
				continue
			}
			s.reports.Add(1)
		}
	}
}

// deliver hands md to the reader, replacing an older model it has not
// taken: latest wins.
func (s *Subscriber) deliver(md *model.Model) {
	for {
		select {
		case s.models <- md:
			return
		default:
		}
		select {
		case <-s.models:
			s.superseded.Add(1)
		default:
		}
	}
}
