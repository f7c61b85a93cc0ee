package harness

import (
	"context"
	"fmt"
	"sync"
	"time"

	"cloudme.dev/calibration/link"
	"cloudme.dev/proto/pb"
)

// Frame is one model frame as the probe received it.
type Frame struct {
	Source     string
	Seq        uint64
	CaptureNs  int64
	Stages     map[pb.Stage]int64 // done time per stage, cloud clock
	ReceivedNs int64
	Bytes      int
}

// Probe is a renderer-side subscriber inside the harness: it takes every
// model frame of a meeting or booth over real WebRTC and records its
// times, without decoding or drawing the mesh. It reconnects when its
// session ends.
type Probe struct {
	mu       sync.Mutex
	frames   []Frame
	sessions int
	cancel   context.CancelFunc
	done     chan struct{}
}

// StartProbe subscribes to url (the cloud's /v1/subscribe?... address)
// with token.
func StartProbe(ctx context.Context, url, token string) *Probe {
	ctx, cancel := context.WithCancel(ctx)
	p := &Probe{cancel: cancel, done: make(chan struct{})}
	go p.run(ctx, url, token)
	return p
}

func (p *Probe) run(ctx context.Context, url, token string) {
	defer close(p.done)
	for ctx.Err() == nil {
		dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		peer, err := link.Dial(dctx, link.DialParams{URL: url, Token: token})
		cancel()
		if err != nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(250 * time.Millisecond):
			}
			continue
		}
		p.mu.Lock()
		p.sessions++
		p.mu.Unlock()
		p.serve(ctx, peer)
		_ = peer.Close()
	}
}

func (p *Probe) serve(ctx context.Context, peer *link.Peer) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-peer.Done():
			return
		case <-peer.Control():
		case m := <-peer.Media():
			mf := m.Envelope.GetModelFrame()
			if mf == nil {
				continue
			}
			f := Frame{Source: mf.GetSourceBooth(), Seq: mf.GetSequence(), CaptureNs: mf.GetCaptureTimeNs(),
				Stages: map[pb.Stage]int64{}, ReceivedNs: m.ReceivedNs, Bytes: m.Bytes}
			for _, s := range mf.GetStages() {
				f.Stages[s.GetStage()] = s.GetDoneNs()
			}
			p.mu.Lock()
			p.frames = append(p.frames, f)
			p.mu.Unlock()
		}
	}
}

// Frames returns the frames received at or after since (Unix ns).
func (p *Probe) Frames(since int64) []Frame {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Frame
	for _, f := range p.frames {
		if f.ReceivedNs >= since {
			out = append(out, f)
		}
	}
	return out
}

// Sessions counts the sessions the probe opened.
func (p *Probe) Sessions() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sessions
}

// WaitFrame waits until a frame from source arrives after since, and
// returns its arrival time.
func (p *Probe) WaitFrame(ctx context.Context, source string, since int64, timeout time.Duration) (int64, error) {
	deadline := time.Now().Add(timeout)
	for {
		for _, f := range p.Frames(since) {
			if source == "" || f.Source == source {
				return f.ReceivedNs, nil
			}
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("harness: no model from %q within %v", source, timeout)
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Close ends the probe's session and waits.
func (p *Probe) Close() {
	p.cancel()
	<-p.done
}
