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
	// the 1 ms transit and the aim (paceTarget).
	lead := 11*ms + paceTarget
	dueAt := 159*ms - lead
	p.took(2, 60*ms, paceTarget, 2*ms, at(100))
	if p.due(t0.Add(dueAt - ms)) {
		t.Fatalf("due before %v", dueAt)
	}
	if !p.due(t0.Add(dueAt)) {
		t.Fatalf("not due at %v", dueAt)
	}
	// Sent then, it arrives 1 ms later and (unless after 159) waits until
	// 159; the engine is then busy until 219, so the next is due at 219
	// less the lead without waiting for the notice of set 3.
	p.sent(3, 10*ms, t0.Add(dueAt))
	free := max(159*ms, dueAt+ms) + 60*ms
	if p.due(t0.Add(free - lead - ms)) {
		t.Fatalf("due before %v while set 3 keeps the engine busy until %v", free-lead, free)
	}
	if !p.due(t0.Add(free - lead)) {
		t.Fatalf("not due at %v", free-lead)
	}
	if got := p.skipped(); got != 2 {
		t.Fatalf("%d sets counted as paced, want 2", got)
	}
	// A notice for set 3 that comes late (the engine was slower): set 4
	// was sent at 305, so the engine is busy with 3 until 350 - 1 + 60
	// and with 4 after that, until 469.
	p.sent(4, 10*ms, at(305))
	p.took(3, 60*ms, paceTarget, 2*ms, at(350))
	if p.due(t0.Add(469*ms-lead-ms)) || !p.due(t0.Add(469*ms-lead)) {
		t.Fatalf("not due exactly at %v: set 4 keeps the engine busy until 469 ms", 469*ms-lead)
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
	// A set that found the engine idle 25 ms moves the next ones earlier
	// by half the error against the aim; one that waited 25 ms moves them
	// later.
	var r pacer
	r.sent(1, 10*ms, at(0))
	r.took(1, 60*ms, paceTarget, 0, at(0))
	base := 60*ms - 10*ms - paceTarget
	if r.due(t0.Add(base-ms)) || !r.due(t0.Add(base)) {
		t.Fatalf("not due exactly at %v", base)
	}
	r.took(1, 60*ms, -25*ms, 0, at(0))
	earlier := base - (paceTarget+25*ms)/2
	if r.due(t0.Add(earlier-ms)) || !r.due(t0.Add(earlier)) {
		t.Fatalf("an idle engine did not move the next set to %v", earlier)
	}
	r.took(1, 60*ms, 25*ms, 0, at(0))
	later := earlier + (25*ms-paceTarget)/2
	if r.due(t0.Add(later-ms)) || !r.due(t0.Add(later)) {
		t.Fatalf("a set that waited did not move the next one to %v", later)
	}
	// Notices stop (cloud restarted, link down): after a second, every
	// set again.
	if !p.due(at(350).Add(staleAfter + ms)) {
		t.Fatal("still paced by a notice a second old")
	}
}

// With a duty below 1 the engine is left idle (1/duty - 1) of its time
// per set, never less than paceTarget's 10 ms.
func TestPacerDuty(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	for _, tc := range []struct {
		duty float64
		busy time.Duration
		want time.Duration
	}{
		{0, 60 * ms, paceTarget}, {1, 60 * ms, paceTarget}, {0.5, 60 * ms, -60 * ms},
		{0.75, 60 * ms, -20 * ms}, {0.95, 60 * ms, paceTarget}, {0.5, 4 * ms, paceTarget},
	} {
		p := pacer{duty: tc.duty}
		if got := p.target(tc.busy); got < tc.want-time.Microsecond || got > tc.want+time.Microsecond {
			t.Errorf("duty %g, busy %v: target %v, want %v", tc.duty, tc.busy, got, tc.want)
		}
	}
	// The next set is cut so that it arrives 20 ms after the engine is
	// free: at 60 ms (free) - 10 ms (own) + 20 ms.
	t0 := time.Unix(1000, 0)
	p := pacer{duty: 0.75}
	p.sent(1, 10*ms, t0)
	p.took(1, 60*ms, -20*ms, 0, t0)
	due := 70 * ms
	if p.due(t0.Add(due-ms)) || !p.due(t0.Add(due)) {
		t.Fatalf("not due exactly at %v", due)
	}
	// A set that found the engine idle 40 ms (20 more than the aim) moves
	// the next ones 10 ms earlier.
	p.took(1, 60*ms, -40*ms, 0, t0)
	if p.due(t0.Add(due-11*ms)) || !p.due(t0.Add(due-10*ms)) {
		t.Fatalf("not due exactly at %v", due-10*ms)
	}
}
