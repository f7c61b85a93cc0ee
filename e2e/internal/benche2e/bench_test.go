package benche2e

import (
	"testing"
	"time"

	"cloudme.dev/e2e/internal/harness"
	"cloudme.dev/proto/pb"
)

func TestExactQuantiles(t *testing.T) {
	t.Parallel()
	v := make([]float64, 100)
	for i := range v {
		v[i] = float64(100 - i) // 100 .. 1, unsorted
	}
	q := exact(v)
	if q.N != 100 || q.P50Ms != 50 || q.P95Ms != 95 || q.P99Ms != 99 {
		t.Fatalf("%+v", q)
	}
	if (exact(nil) != Quantiles{}) {
		t.Fatal("empty input")
	}
}

// TestFill joins a displayed model with its model frame: each stage is
// the time since the previous one, glass to glass is display minus
// capture.
func TestFill(t *testing.T) {
	t.Parallel()
	ms := int64(time.Millisecond)
	f := harness.Frame{Source: "b", Seq: 7, CaptureNs: 0, ReceivedNs: 60 * ms, Bytes: 1000, Stages: map[pb.Stage]int64{
		pb.Stage_STAGE_SYNC: 2 * ms, pb.Stage_STAGE_SEGMENT: 12 * ms, pb.Stage_STAGE_ENCODE: 14 * ms, pb.Stage_STAGE_SEND: 14 * ms,
		pb.Stage_STAGE_INGEST: 20 * ms, pb.Stage_STAGE_QUEUE: 23 * ms, pb.Stage_STAGE_HULL: 30 * ms, pb.Stage_STAGE_SURFACE: 40 * ms, pb.Stage_STAGE_COLOR: 45 * ms,
		pb.Stage_STAGE_MESH_ENCODE: 50 * ms, pb.Stage_STAGE_FANOUT: 51 * ms,
	}}
	s := harness.Shown{Source: "b", Seq: 7, CaptureNs: 0, ReceivedNs: 55 * ms, DecodedNs: 60 * ms, ShownNs: 75 * ms}
	empty := &snap{cloud: harness.Samples{}, cpu: map[string]time.Duration{}}
	r := &Result{Stages: map[string]Quantiles{}, Drops: map[string]float64{}, CPUPct: map[string]float64{}}
	r.fill(empty, empty, []harness.Frame{f}, []harness.Shown{s}, 1, Case{Booths: 1})
	want := map[string]float64{"sync": 2, "segment": 10, "encode": 2, "send": 0, "ingest": 6, "queue": 3, "hull": 7, "surface": 10, "color": 5,
		"mesh_encode": 5, "fanout": 1, "to_renderer": 4, "decode": 5, "draw": 15}
	for k, v := range want {
		if got := r.Stages[k]; got.N != 1 || got.P50Ms != v {
			t.Errorf("stage %s: %+v, want %v ms", k, got, v)
		}
	}
	if r.GlassToGlass.P50Ms != 75 || r.DisplayedFPS != 1 || r.ProbeFPS != 1 || r.GoalMet != true {
		t.Errorf("%+v", r)
	}
}
