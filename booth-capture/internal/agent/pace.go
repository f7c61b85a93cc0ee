package agent

import (
	"sync"
	"time"
)

// pacer decides, while someone is in the booth, which frame sets the
// booth segments and sends, from the cloud's EngineTook notices: the
// engine took set N and will be busy about B per set. It keeps an
// estimate of when the engine will next be free and cuts the next set so
// that it reaches the cloud then: at that moment less the booth's own
// time to segment and encode a set and half the round trip. Sets before
// that are not segmented at all: the engine would have dropped them
// (latest wins), and on a booth whose cores also carry other work their
// CPU is what every stage waits for.
//
// The lead, the booth's own time plus half the round trip, misses what
// it cannot see (reassembly and decoding on the cloud, the wait for the
// next set from the cameras), so it is corrected by each notice's early
// time: a set that found the engine idle moves the next ones earlier, one
// that waited moves them later, half the error at a time, aiming at the
// set arriving just after the engine is free (target).
//
// How long after: the engine is left idle (1/duty - 1) of its time per
// set, at least 10 ms (paceTarget). On a node whose cores are shared
// (other meetings, or on one machine the whole system) an engine run
// flat out takes the CPU that the set's other stages need, and every
// stage slows down: with the whole system on this 2-core machine, a duty
// of 0.65 against 0.87 cut the glass-to-glass median by about a quarter
// for 12 % fewer models a second (BENCHMARKS.md, end to end).
//
// A notice resets the estimate (the engine took N half a round trip ago,
// so it is free B later, plus B for a set sent after N that is still on
// its way); each set sent moves it on by B from the set's arrival. So the
// booth does not wait for a set's notice before cutting the next one: a
// booth slower than the engine runs flat out, as without pacing, and a
// faster one sends one set per engine time.
//
// Without notices (a cloud of protocol version 2, no session yet, the
// link down) the booth sends every set it can: a notice older than
// staleAfter (or four engine times) no longer paces.
type pacer struct {
	mu      sync.Mutex
	tookAt  time.Time     // arrival of the last notice; zero: none
	busy    time.Duration // the engine's time per set, from the notice
	rtt     time.Duration
	free    time.Time // when the engine is expected to be free of what it has
	sentSeq uint64    // the last set sent
	sentAt  time.Time // and when; zero: none
	own     time.Duration
	aim     time.Duration // added to the lead, from the notices' early times
	paced   uint64        // sets skipped for the pace
	// duty is the share of the engine's time the sets should take, 0.5
	// to 1; 0 is taken as 1.
	duty float64
}

const (
	// staleAfter: a notice this old (or older than four engine times) no
	// longer paces the booth.
	staleAfter = time.Second
	// paceTarget is the longest a set should wait for the engine:
	// negative, the engine waits a little for the set rather than the set
	// for the engine, as a set's wait adds to its latency and an idle
	// engine adds to no one's (it costs frame rate). Alternated runs of
	// bench-e2e aiming at +5 ms: 14 % more models a second, p50 25 % later.
	paceTarget = -10 * time.Millisecond
)

// target is how long a set should wait for an engine busy busy per set
// (negative: the engine waits): busy x (1/duty - 1), at least -paceTarget.
func (p *pacer) target(busy time.Duration) time.Duration {
	idle := time.Duration(0)
	if p.duty > 0 && p.duty < 1 {
		idle = time.Duration(float64(busy) * (1 - p.duty) / p.duty)
	}
	return -max(idle, -paceTarget)
}

// took records a notice that arrived at now: the engine took set seq,
// which had waited early for it (negative: the engine waited), and is
// busy about busy per set; rtt is the session's round trip (0: unknown).
func (p *pacer) took(seq uint64, busy, early, rtt time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	target := p.target(busy)
	if p.tookAt.IsZero() {
		p.aim = target
	}
	p.aim = min(max(p.aim-(early-target)/2, -busy), busy)
	p.tookAt, p.busy, p.rtt = now, busy, rtt
	p.free = now.Add(busy - rtt/2)
	if !p.sentAt.IsZero() && p.sentSeq > seq {
		// A set sent after seq is on its way or waiting: the engine takes
		// it when it arrives or comes free, and is busy with it then.
		p.free = later(p.free, p.sentAt.Add(rtt/2)).Add(busy)
	}
}

// due reports whether a set should be segmented and sent now; a set
// that is not is counted as paced.
func (p *pacer) due(now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tookAt.IsZero() || now.Sub(p.tookAt) > max(staleAfter, 4*p.busy) {
		return true // not paced: every set
	}
	lead := p.own + p.rtt/2 + p.aim
	if now.Before(p.free.Add(-lead)) {
		p.paced++
		return false
	}
	return true
}

// sent records that set seq was handed to the publisher at now, having
// taken own to segment and encode.
func (p *pacer) sent(seq uint64, own time.Duration, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sentSeq, p.sentAt = seq, now
	if p.own == 0 {
		p.own = own
	} else {
		p.own += (own - p.own) / 4
	}
	if !p.tookAt.IsZero() {
		p.free = later(p.free, now.Add(p.rtt/2)).Add(p.busy)
	}
}

// skipped is the count of sets not segmented for the pace.
func (p *pacer) skipped() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.paced
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
