package link

import (
	"testing"
	"time"

	"cloudme.dev/proto/wire"
)

// The clock estimate rests on the smallest round trip seen; the recent
// round trip follows the link when its delay grows, and one slow ping
// does not move it.
func TestClockEstimatorRecent(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	var c clockEstimator
	if _, ok := c.recent(); ok {
		t.Fatal("a recent round trip before any sample")
	}
	for range 20 {
		c.add(wire.ClockSample{RTT: ms})
	}
	// The link becomes slow: 50 ms, one retransmitted ping at 300 ms.
	for i, rtt := range []time.Duration{50 * ms, 52 * ms, 300 * ms, 49 * ms} {
		c.add(wire.ClockSample{RTT: rtt, Offset: time.Duration(i)})
		got, _ := c.recent()
		want := []time.Duration{ms, ms, 50 * ms, 50 * ms}[i]
		if got != want {
			t.Fatalf("after %d slow samples: recent %v, want %v", i+1, got, want)
		}
	}
	if b, _ := c.best(); b.RTT != ms {
		t.Fatalf("best sample %v, want the 1 ms one", b.RTT)
	}
	// Fewer samples than the window: the median of those there are.
	var d clockEstimator
	d.add(wire.ClockSample{RTT: 30 * ms})
	d.add(wire.ClockSample{RTT: 10 * ms})
	if got, ok := d.recent(); !ok || got != 30*ms {
		t.Fatalf("two samples: recent %v %v, want 30ms", got, ok)
	}
}
