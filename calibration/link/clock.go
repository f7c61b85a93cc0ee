package link

import (
	"slices"
	"sync"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// clockEstimator keeps the recent ping/pong samples and trusts the one with
// the smallest round trip: its offset error is bounded by half that RTT.
type clockEstimator struct {
	mu      sync.Mutex
	samples [16]wire.ClockSample
	n, next int
}

func (c *clockEstimator) add(s wire.ClockSample) {
	if s.RTT < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.samples[c.next] = s
	c.next = (c.next + 1) % len(c.samples)
	if c.n < len(c.samples) {
		c.n++
	}
}

func (c *clockEstimator) best() (wire.ClockSample, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == 0 {
		return wire.ClockSample{}, false
	}
	b := c.samples[0]
	for _, s := range c.samples[1:c.n] {
		if s.RTT < b.RTT {
			b = s
		}
	}
	return b, true
}

// recentSamples is how many of the newest samples recent takes the median
// of: with a ping a second, a round trip that grows (a link that became
// congested or lossy) shows within about three seconds, and one
// retransmitted ping does not move it.
const recentSamples = 5

// recent returns the median round trip of the newest samples.
func (c *clockEstimator) recent() (time.Duration, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == 0 {
		return 0, false
	}
	k := min(c.n, recentSamples)
	var rtts [recentSamples]time.Duration
	for i := range k {
		rtts[i] = c.samples[(c.next-1-i+len(c.samples))%len(c.samples)].RTT
	}
	r := rtts[:k]
	slices.Sort(r)
	return r[k/2], true
}

// RecentRTT returns the median round trip of the last few pings: what the
// link takes now, where ClockOffset's round trip is the smallest one seen
// (the sample that best pins the clocks, but a link's delay can grow
// after it). ok is false before the first pong.
func (p *Peer) RecentRTT() (time.Duration, bool) {
	return p.clock.recent()
}

// ClockOffset returns the other side's clock minus ours, and the round
// trip of the sample it rests on; ok is false before the first pong.
func (p *Peer) ClockOffset() (offset, rtt time.Duration, ok bool) {
	s, ok := p.clock.best()
	return s.Offset, s.RTT, ok
}

// RemoteTime converts a time on this side's clock (Unix ns) to the other
// side's clock with the current offset estimate.
func (p *Peer) RemoteTime(localNs int64) int64 {
	off, _, _ := p.ClockOffset()
	return localNs + int64(off)
}

func (p *Peer) answerPing(ping *pb.Ping, receivedNs int64) {
	pong := &pb.Pong{Id: ping.GetId(), PingSentNs: ping.GetSentNs(), ReceivedNs: receivedNs, SentNs: p.now()}
	if err := p.SendControl(&pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Pong{Pong: pong}}}}); err != nil {
		p.log.Debug("answering ping", zap.Error(err))
	}
}

func (p *Peer) startPing() {
	if p.cfg.PingInterval < 0 {
		return
	}
	// Under mu, so that no Add races with closeWith's Wait: once the
	// session is closing (closeErr set under mu) no pinger starts.
	p.mu.Lock()
	if p.closeErr != nil {
		p.mu.Unlock()
		return
	}
	p.wg.Add(1)
	p.mu.Unlock()
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(p.cfg.PingInterval)
		defer t.Stop()
		for {
			p.sendPing()
			select {
			case <-p.stopPing:
				return
			case <-t.C:
			}
		}
	}()
}

func (p *Peer) sendPing() {
	ping := &pb.Ping{Id: p.pingID.Add(1), SentNs: p.now()}
	if err := p.SendControl(&pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Ping{Ping: ping}}}}); err != nil {
		p.log.Debug("sending ping", zap.Error(err))
	}
}
