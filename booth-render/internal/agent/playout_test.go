package agent

import (
	"testing"

	"cloudme.dev/booth-render/internal/model"
)

// Pictures are held to the window's worst arrival latency; one arriving
// well beyond it is dropped, and the ones after it are held to its
// latency.
func TestPlayoutHoldsAndDropsLatePictures(t *testing.T) {
	t.Parallel()
	var p playout
	identity := func(ns int64) (int64, bool) { return ns, true }
	const ms = int64(1e6)
	now := int64(1e12)
	step := func(arrivalLatency int64) (int64, int) {
		now += 100 * ms
		at, what := p.due(&model.Model{CaptureNs: now - arrivalLatency}, identity, now)
		if what == holdUntil {
			return at - (now - arrivalLatency), what
		}
		return 0, what
	}
	for i, lat := range []int64{100, 120, 110, 100, 105} {
		if _, what := step(lat * ms); what == dropLate {
			t.Fatalf("picture %d dropped while the window fills", i)
		}
	}
	// Now held to the worst of the window, 120 ms.
	if d, what := step(100 * ms); what != holdUntil || d != 120*ms {
		t.Fatalf("held to %d ms (%d), want 120", d/ms, what)
	}
	// 50 ms later than that: dropped.
	if _, what := step(170 * ms); what != dropLate {
		t.Fatalf("a picture 50 ms late was not dropped (%d)", what)
	}
	// The next is held to the late one's latency.
	if d, what := step(110 * ms); what != holdUntil || d != 170*ms {
		t.Fatalf("held to %d ms (%d), want 170", d/ms, what)
	}
	// Within the tolerance: shown at once, not dropped.
	if _, what := step(200 * ms); what != showNow {
		t.Fatalf("a picture 30 ms late was %d, want shown", what)
	}
}
