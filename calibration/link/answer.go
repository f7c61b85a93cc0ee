package link

import (
	"context"
	"fmt"

	"github.com/pion/webrtc/v4"
	"go.uber.org/zap"
)

// Answer is the cloud's half of the exchange: it applies an agent's offer
// and returns the peer with the answer SDP to send back. The peer's
// channels open once the agent applies the answer; wait on Ready.
func Answer(ctx context.Context, offerSDP string, cfg Config) (*Peer, string, error) {
	p, err := newPeer(cfg, false)
	if err != nil {
		return nil, "", err
	}
	ok := false
	defer func() {
		if !ok {
			_ = p.Close()
		}
	}()
	if err := p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offerSDP}); err != nil {
		return nil, "", fmt.Errorf("%w: bad offer: %v", ErrSignaling, err)
	}
	for _, sid := range p.cfg.AudioOut {
		ok, err := p.addAudioOut(sid, false)
		if err != nil {
			return nil, "", err
		}
		if !ok {
			p.log.Debug("the offer has no audio section left for a speaking booth", zap.String("stream", sid))
		}
	}
	answer, err := p.pc.CreateAnswer(nil)
	if err != nil {
		return nil, "", fmt.Errorf("%w: create answer: %v", ErrSignaling, err)
	}
	gathered := webrtc.GatheringCompletePromise(p.pc)
	if err := p.pc.SetLocalDescription(answer); err != nil {
		return nil, "", fmt.Errorf("%w: set local description: %v", ErrSignaling, err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return nil, "", fmt.Errorf("%w: gathering ICE candidates: %v", ErrSignaling, ctx.Err())
	}
	ok = true
	return p, p.pc.LocalDescription().SDP, nil
}
