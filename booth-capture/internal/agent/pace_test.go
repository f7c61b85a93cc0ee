package agent

import (
	"testing"
	"time"
)

func TestPacer(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	t0 := time.Unix(1000, 0)
	at := func(d time.Duration) time.Time { return t0.Add(d * ms) }
	var p pacer
	// No notice yet: every set.
	for i := 0; i < 3; i++ {
		if !p.due(at(time.Duration(i) * 33)) {
			t.Fatalf("set %d refused before any notice", i)
		}
		p.sent(uint64(i), 10*ms, at(time.Duration(i)*33))
	}
	// At 100 ms the notice says the engine took set 2 (the newest sent)
	// half a round trip (1 ms) ago and is busy 60 ms per set: it is free
	// at 159 ms, so the next set is due at 159 less the booth's 10 ms,
	// the 1 ms transit and the 5 ms cushion: 143 ms.
	p.took(2, 60*ms, paceTarget, 2*ms, at(100))
	if p.due(at(130)) {
		t.Fatal("due at 130 ms, before 143")
	}
	if !p.due(at(145)) {
		t.Fatal("not due at 145 ms")
	}
	// Sent at 145, it arrives at 146 and waits until 159; the engine is
	// then busy until 219, so the next is due at 203 without waiting for
	// the notice of set 3.
	p.sent(3, 10*ms, at(145))
	if p.due(at(190)) {
		t.Fatal("due at 190 ms while set 3 keeps the engine busy until 219")
	}
	if !p.due(at(205)) {
		t.Fatal("not due at 205 ms")
	}
	if got := p.skipped(); got != 2 {
		t.Fatalf("%d sets counted as paced, want 2", got)
	}
	// A notice for set 3 that comes late (the engine was slower): set 4
	// was sent at 205, so the engine is busy with 3 until 250 - 1 + 60
	// and with 4 after that.
	p.sent(4, 10*ms, at(205))
	p.took(3, 60*ms, paceTarget, 2*ms, at(250))
	if p.due(at(350)) {
		t.Fatal("due at 350 ms: set 4 keeps the engine busy until 369")
	}
	if !p.due(at(355)) {
		t.Fatal("not due at 355 ms (369 less 16)")
	}
	// A booth slower than the engine (40 ms per set against 30) is never
	// held back.
	var q pacer
	q.sent(10, 40*ms, at(0))
	q.took(10, 30*ms, paceTarget, 0, at(0))
	now := at(0)
	for i := uint64(11); i < 20; i++ {
		if !q.due(now) {
			t.Fatalf("slow booth held back at set %d", i)
		}
		now = now.Add(40 * ms)
		q.sent(i, 40*ms, now)
		q.took(i, 30*ms, paceTarget, 0, now)
	}
	// A set that found the engine idle 25 ms moves the next ones 15 ms
	// earlier (half of 30 ms, the error against the 5 ms wait aimed at);
	// one that waited 25 ms moves them 10 ms later.
	var r pacer
	r.sent(1, 10*ms, at(0))
	r.took(1, 60*ms, paceTarget, 0, at(0)) // free at 60, due at 45
	if r.due(at(44)) || !r.due(at(45)) {
		t.Fatal("not due at 45 ms exactly")
	}
	r.took(1, 60*ms, -25*ms, 0, at(0)) // aim 20 ms: due at 30
	if r.due(at(29)) || !r.due(at(30)) {
		t.Fatal("an idle engine did not move the next set 15 ms earlier")
	}
	r.took(1, 60*ms, 25*ms, 0, at(0)) // aim 20 - 10: due at 40
	if r.due(at(39)) || !r.due(at(40)) {
		t.Fatal("a set that waited did not move the next one later")
	}
	// Notices stop (cloud restarted, link down): after a second, every
	// set again.
	if !p.due(at(250).Add(staleAfter + ms)) {
		t.Fatal("still paced by a notice a second old")
	}
}
