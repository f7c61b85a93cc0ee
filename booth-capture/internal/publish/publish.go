// Package publish sends a booth's frame sets to cloud-reconstruct over
// WebRTC (cloudme.dev/calibration/link): BoothHello first on the reliable
// control channel, then FrameSets on the media channel, latest wins. When
// the session ends it dials again with exponential backoff and jitter;
// capture never waits for it.
package publish

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/pb"
)

// ErrParams is wrapped by parameter errors.
var ErrParams = errors.New("bad publisher parameters")

// Params configure a Publisher.
type Params struct {
	CloudURL string // base URL; the booth posts its offer to CloudURL/v1/publish
	Token    string // bearer token; never logged
	Hello    *pb.BoothHello
	Logger   *zap.Logger
	Link     link.Config // Logger is filled from Logger when nil
	// Backoff between dial attempts: starts at MinBackoff (default 500 ms),
	// doubles up to MaxBackoff (default 30 s), each wait jittered by ±25 %.
	MinBackoff, MaxBackoff time.Duration
	// OnSession, when set, is called from the publisher's goroutine with
	// each session once its hello is sent, and with nil when it ends (the
	// audio sender attaches to the session's audio track).
	OnSession func(*link.Peer)
	// OnAudioSettings, when set, is called from the publisher's goroutine
	// with each operator audio command the cloud relays.
	OnAudioSettings func(*pb.AudioSettings)
	// OnEngineTook, when set, is called from the publisher's goroutine
	// with each EngineTook notice of the cloud and the session's recent
	// round-trip time (link.Peer.RecentRTT; 0 while unknown): the booth
	// paces its sets by it.
	OnEngineTook func(et *pb.EngineTook, rtt time.Duration)
}

// Stats are the publisher's counters.
type Stats struct {
	Sent, Dropped, Congested, Sessions uint64
	Connected                          bool
}

// Publisher owns the session from its run goroutine.
type Publisher struct {
	p      Params
	log    *zap.Logger
	in     chan *pb.FrameSet
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	sent, dropped, congested, sessions atomic.Uint64
	connected                          atomic.Bool
}

// New validates p and starts publishing.
func New(ctx context.Context, p Params) (*Publisher, error) {
	if p.CloudURL == "" {
		return nil, fmt.Errorf("no cloud URL: %w", ErrParams)
	}
	if p.Hello == nil || p.Hello.GetBoothId() == "" {
		return nil, fmt.Errorf("no booth hello: %w", ErrParams)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.Link.Logger == nil {
		p.Link.Logger = p.Logger.Named("link")
	}
	if p.MinBackoff == 0 {
		p.MinBackoff = 500 * time.Millisecond
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = 30 * time.Second
	}
	if p.MinBackoff < 0 || p.MaxBackoff < p.MinBackoff {
		return nil, fmt.Errorf("backoff %v to %v: %w", p.MinBackoff, p.MaxBackoff, ErrParams)
	}
	ctx, cancel := context.WithCancel(ctx)
	pub := &Publisher{p: p, log: p.Logger, in: make(chan *pb.FrameSet, 1), cancel: cancel, done: make(chan struct{})}
	go pub.run(ctx)
	return pub, nil
}

// Offer hands a frame set to the publisher without waiting: an older set
// still waiting is dropped (and counted).
func (pub *Publisher) Offer(fs *pb.FrameSet) {
	for {
		select {
		case pub.in <- fs:
			return
		default:
		}
		select {
		case <-pub.in:
			pub.dropped.Add(1)
		default:
		}
	}
}

// Stats returns the counters.
func (pub *Publisher) Stats() Stats {
	return Stats{Sent: pub.sent.Load(), Dropped: pub.dropped.Load(), Congested: pub.congested.Load(),
		Sessions: pub.sessions.Load(), Connected: pub.connected.Load()}
}

// Close ends the session and waits for the run goroutine. Safe twice.
func (pub *Publisher) Close() error {
	pub.once.Do(pub.cancel)
	<-pub.done
	return nil
}

func (pub *Publisher) endpoint() string {
	return strings.TrimRight(pub.p.CloudURL, "/") + "/v1/publish"
}

func (pub *Publisher) run(ctx context.Context) {
	defer close(pub.done)
	backoff := pub.p.MinBackoff
	for ctx.Err() == nil {
		peer, err := link.Dial(ctx, link.DialParams{URL: pub.endpoint(), Token: pub.p.Token, Config: pub.p.Link})
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			wait := jitter(backoff)
			pub.log.Warn("cloud unreachable, retrying", zap.Error(err), zap.Duration("in", wait))
			pub.drain()
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			backoff = min(2*backoff, pub.p.MaxBackoff)
			continue
		}
		backoff = pub.p.MinBackoff
		pub.sessions.Add(1)
		pub.session(ctx, peer)
		_ = peer.Close()
		pub.connected.Store(false)
	}
}

// drain drops what waits while there is no session.
func (pub *Publisher) drain() {
	select {
	case <-pub.in:
		pub.dropped.Add(1)
	default:
	}
}

func (pub *Publisher) session(ctx context.Context, peer *link.Peer) {
	hello := &pb.Envelope{Body: &pb.Envelope_BoothHello{BoothHello: pub.p.Hello}}
	if err := peer.SendControl(hello); err != nil {
		pub.log.Warn("sending hello", zap.Error(err))
		return
	}
	pub.connected.Store(true)
	pub.log.Info("publishing", zap.String("booth", pub.p.Hello.GetBoothId()))
	if pub.p.OnSession != nil {
		pub.p.OnSession(peer)
		defer pub.p.OnSession(nil)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-peer.Done():
			pub.log.Warn("session ended, reconnecting", zap.Error(peer.Err()))
			return
		case m := <-peer.Control():
			if as := m.Envelope.GetControl().GetAudioSettings(); as != nil {
				if pub.p.OnAudioSettings != nil {
					pub.p.OnAudioSettings(as)
				}
				continue
			}
			if et := m.Envelope.GetControl().GetEngineTook(); et != nil {
				if pub.p.OnEngineTook != nil {
					rtt, _ := peer.RecentRTT()
					pub.p.OnEngineTook(et, rtt)
				}
				continue
			}
			if e := m.Envelope.GetControl().GetError(); e != nil {
				pub.log.Error("cloud reported an error", zap.String("code", e.GetCode().String()), zap.String("message", e.GetMessage()))
			}
		case fs := <-pub.in:
			fs.Stages = append(fs.Stages, &pb.StageTime{Stage: pb.Stage_STAGE_SEND, DoneNs: time.Now().UnixNano()})
			err := peer.SendMedia(&pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: fs}})
			switch {
			case err == nil:
				pub.sent.Add(1)
			case errors.Is(err, link.ErrCongested):
				pub.congested.Add(1)
			default:
				pub.log.Warn("sending frame set", zap.Uint64("seq", fs.GetSequence()), zap.Error(err))
				pub.dropped.Add(1)
			}
		}
	}
}

func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.75 + 0.5*rand.Float64()))
}
