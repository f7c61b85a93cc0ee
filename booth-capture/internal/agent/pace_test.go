package agent

import (
	"testing"
	"time"
)

func TestPacer(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	t0 := time.Unix(1000, 0)
	var p pacer
	// No notice yet: every set.
	for i := 0; i < 3; i++ {
		if !p.due(t0.Add(time.Duration(i) * 33 * ms)) {
			t.Fatalf("set %d refused before any notice", i)
		}
		p.sent(uint64(i), 10*ms, t0.Add(time.Duration(i)*33*ms))
	}
	// The engine took set 2 (the newest sent) and is busy 60 ms: the
	// next set is due at 60 ms less the booth's 10 ms and the cushion.
	at := t0.Add(100 * ms)
	p.took(2, 60*ms, 2*ms, at)
	if p.due(at.Add(30 * ms)) {
		t.Fatal("due 30 ms after the notice, with the engine busy 60 ms")
	}
	if !p.due(at.Add(45 * ms)) {
		t.Fatal("not due 45 ms after the notice (busy 60, own 10, rtt/2 1, cushion 5)")
	}
	p.sent(3, 10*ms, at.Add(45*ms))
	// Set 3 is on its way: nothing more until its notice.
	if p.due(at.Add(90 * ms)) {
		t.Fatal("due while set 3 waits for the engine")
	}
	if got := p.skipped(); got != 2 {
		t.Fatalf("%d sets counted as paced, want 2", got)
	}
	// Its notice is lost (say the cloud dropped set 3): after two engine
	// times the next set goes anyway.
	if !p.due(at.Add(45*ms + 121*ms + paceCushion)) {
		t.Fatal("still waiting for a notice 2 engine times after the send")
	}
	// A notice for an older set while a newer one is in flight does not
	// open the gate.
	p.sent(5, 10*ms, at.Add(200*ms))
	p.took(4, 60*ms, 2*ms, at.Add(205*ms))
	if p.due(at.Add(260 * ms)) {
		t.Fatal("due although set 5 is still in flight")
	}
	// Notices stop (cloud restarted, link down): after a second, every
	// set again.
	if !p.due(at.Add(205*ms + staleAfter + ms)) {
		t.Fatal("still paced by a notice a second old")
	}
}
