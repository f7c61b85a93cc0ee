package drill

import (
	"testing"
	"time"

	"cloudme.dev/e2e/internal/harness"
)

// TestImpairedLink puts the booth's link through a TURN relay that the
// test runs (the booth relay-only, so every packet between booth and
// cloud crosses it), first clean, then with 2 % loss each way and 25 ms
// ± 10 ms of delay each way (50 ms round trip with jitter). The meeting
// must carry on: models keep reaching the screen, later and perhaps
// fewer, never stopping.
func TestImpairedLink(t *testing.T) {
	relay, err := harness.StartRelay()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = relay.Close() })
	r := newRig(t, harness.CloudSpec{})
	b := r.booth("booth-1", relayYAML(relay, r.credential(relay)), "")
	rd := r.renderer("render-a", "booth-1")
	r.live(rd, 90*time.Second)
	if relay.Impair.Passed.Load() == 0 {
		t.Fatal("the booth's traffic does not cross the relay")
	}
	r.sleep(time.Second)
	t0 := time.Now().UnixNano()
	r.sleep(8 * time.Second)
	t1 := time.Now().UnixNano()
	m0, b0 := r.metrics(), boothMetrics(r, b)
	relay.Impair.Set(0.02, 25*time.Millisecond, 10*time.Millisecond)
	passed0, dropped0 := relay.Impair.Passed.Load(), relay.Impair.Dropped.Load()
	r.sleep(15 * time.Second)
	t2 := time.Now().UnixNano()
	m1, b1 := r.metrics(), boothMetrics(r, b)
	passed, dropped := relay.Impair.Passed.Load()-passed0, relay.Impair.Dropped.Load()-dropped0
	shown := rd.Shown(t0)
	clean := summarize(shown, t0, t1)
	// The first 2 s after the change are its transition.
	bad := summarize(shown, t1+int64(2*time.Second), t2)
	t.Logf("drill impaired-link: relayed, clean: %v", clean)
	t.Logf("drill impaired-link: 2%% loss, 25±10 ms each way: %v (relay: %d packets passed, %d dropped = %.1f %%)",
		bad, passed, dropped, 100*float64(dropped)/float64(max(1, passed+dropped)))
	d := m1.Sub(m0)
	for _, st := range []string{"ingest", "hull", "surface", "color", "mesh_encode"} {
		h := d.Histogram("cloud_stage_seconds", map[string]string{"stage": st})
		t.Logf("drill impaired-link: cloud stage %s p50 %.0f ms p99 %.0f ms (histogram)", st, 1000*h.Quantile(0.5), 1000*h.Quantile(0.99))
	}
	t.Logf("drill impaired-link: cloud frame sets %v, models %v, drops %v", d.Sum("cloud_frame_sets_total", nil), d.Sum("cloud_models_total", nil), d.Values("cloud_drops_total", "reason"))
	bd := b1.Sub(b0)
	t.Logf("drill impaired-link: booth frame sets %v, sent %v, congested %v, send-dropped %v, sync-dropped %v",
		bd.Sum("booth_capture_frame_sets_total", nil), bd.Sum("booth_capture_sent_total", nil), bd.Sum("booth_capture_congested_total", nil),
		bd.Sum("booth_capture_send_dropped_total", nil), bd.Sum("booth_capture_sync_dropped_total", nil))
	if dropped == 0 {
		t.Error("the relay dropped nothing: the impairment was not on the path")
	}
	if bad.n == 0 || bad.maxGap > 3*time.Second {
		t.Errorf("the stream stalled on the impaired link: %v", bad)
	}
}
