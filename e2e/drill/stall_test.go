package drill

import (
	"syscall"
	"testing"
	"time"

	"cloudme.dev/e2e/internal/harness"
)

// TestRendererStall freezes one of two renderers of the same booth
// (SIGSTOP) for 5 s: the other must keep drawing, and the frozen one,
// once thawed (SIGCONT), must draw fresh models at once, not work
// through a backlog of the ones it missed.
func TestRendererStall(t *testing.T) {
	r := newRig(t, harness.CloudSpec{})
	r.booth("booth-1", "", "")
	a := r.renderer("render-a", "booth-1")
	b := r.renderer("render-b", "booth-1")
	r.live(a, 90*time.Second)
	r.live(b, 30*time.Second)
	r.sleep(2 * time.Second)

	const stall = 5 * time.Second
	stop := time.Now().UnixNano()
	if err := b.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	r.sleep(stall)
	resume := time.Now().UnixNano()
	if err := b.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	// Fresh: captured after the thaw.
	first, ok := r.firstShown(b, resume, resume, 30*time.Second)
	if !ok {
		t.Fatalf("render-b drew no fresh model within 30 s of SIGCONT")
	}
	recovery := time.Duration(first.ShownNs - resume)
	r.sleep(3 * time.Second)
	end := time.Now().UnixNano()

	during := summarize(a.Shown(stop), stop+int64(time.Second), resume)
	before := summarize(a.Shown(0), stop-int64(2*time.Second), stop)
	// Models render-b drew after the thaw that were captured before it:
	// the backlog it worked through.
	stale := 0
	var oldest time.Duration
	for _, s := range b.Shown(resume) {
		if s.ShownNs < first.ShownNs || s.CaptureNs < resume {
			if s.CaptureNs < resume {
				stale++
				oldest = max(oldest, time.Duration(s.ShownNs-s.CaptureNs))
			}
		}
	}
	after := summarize(b.Shown(first.ShownNs), first.ShownNs, end)
	t.Logf("drill renderer-stall: render-a before the stall: %v", before)
	t.Logf("drill renderer-stall: render-a during render-b's %v stall: %v", stall, during)
	t.Logf("drill renderer-stall: render-b first fresh model %v after SIGCONT; stale models drawn after the thaw: %d (oldest %v old)",
		recovery.Round(time.Millisecond), stale, oldest.Round(time.Millisecond))
	t.Logf("drill renderer-stall: render-b after recovery: %v", after)

	if during.n == 0 || during.maxGap > 2*time.Second {
		t.Errorf("render-a stalled with render-b: %v", during)
	}
	if stale > 10 {
		t.Errorf("render-b drew %d models captured before its thaw: a backlog, not latest-wins", stale)
	}
}
