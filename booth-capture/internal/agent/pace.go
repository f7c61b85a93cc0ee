package agent

import (
	"sync"
	"time"
)

// pacer decides, while someone is in the booth, which frame sets the
// booth segments and sends, from the cloud's EngineTook notices: the
// engine took set N and will be busy about B. The next set is cut so
// that it reaches the cloud as the engine comes free: at the notice's
// arrival plus B, less the booth's own time to segment and encode a set
// and half the round trip. Sets before that are not segmented at all:
// the engine would have dropped them (latest wins), and on a booth whose
// cores also carry other work their CPU is what every stage waits for.
//
// Without notices (a cloud of protocol version 2, no session yet, the
// link down, a set lost or dropped by the cloud) the booth sends every
// set it can: a notice older than staleAfter (or four engine times) no
// longer paces, and a set sent after a notice whose own notice has not
// come within two engine times is followed by the next set at once.
type pacer struct {
	mu       sync.Mutex
	tookAt   time.Time     // arrival of the last notice; zero: none
	tookSeq  uint64        // its sequence
	busy     time.Duration // its busy time
	rtt      time.Duration
	sentSeq  uint64 // last set sent
	sentAt   time.Time
	inFlight bool          // a set was sent after the last notice's set
	own      time.Duration // the booth's segment + encode time, averaged
	paced    uint64        // sets skipped for the pace
}

const (
	// staleAfter: a notice this old (or older than four engine times) no
	// longer paces the booth.
	staleAfter = time.Second
	// paceCushion is added to the booth's lead to absorb jitter in its
	// own time and the transport.
	paceCushion = 5 * time.Millisecond
)

// took records a notice that arrived at now.
func (p *pacer) took(seq uint64, busy, rtt time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tookAt, p.tookSeq, p.busy, p.rtt = now, seq, busy, rtt
	// A set sent after the one the engine just took is still on its way
	// or waiting: the next is due only once that one is taken.
	p.inFlight = !p.sentAt.IsZero() && p.sentSeq > seq
}

// due reports whether a set should be segmented and sent now; a set
// that is not is counted as paced.
func (p *pacer) due(now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	ok := p.dueLocked(now)
	if !ok {
		p.paced++
	}
	return ok
}

func (p *pacer) dueLocked(now time.Time) bool {
	if p.tookAt.IsZero() || now.Sub(p.tookAt) > max(staleAfter, 4*p.busy) {
		return true // not paced: every set
	}
	if p.inFlight {
		// Its notice should have come by now; the set was lost or
		// dropped by the cloud (too few views, undecodable).
		return now.Sub(p.sentAt) > 2*p.busy+paceCushion
	}
	lead := p.own + p.rtt/2 + paceCushion
	return !now.Before(p.tookAt.Add(p.busy - lead))
}

// sent records that set seq was handed to the publisher at now, having
// taken own to segment and encode.
func (p *pacer) sent(seq uint64, own time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sentSeq, p.sentAt, p.inFlight = seq, now, true
	if p.own == 0 {
		p.own = own
	} else {
		p.own += (own - p.own) / 4
	}
}

// skipped is the count of sets not segmented for the pace.
func (p *pacer) skipped() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.paced
}
