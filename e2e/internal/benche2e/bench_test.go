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

// TestFill reads a displayed model's stage times from the renderer's
// line: each stage is the time since the previous one, glass to glass is
// display minus capture.
func TestFill(t *testing.T) {
	t.Parallel()
	ms := int64(time.Millisecond)
	stages := map[string]int64{}
	for st, at := range map[pb.Stage]int64{
		pb.Stage_STAGE_SYNC: 2 * ms, pb.Stage_STAGE_SEGMENT: 12 * ms, pb.Stage_STAGE_ENCODE: 14 * ms, pb.Stage_STAGE_SEND: 14 * ms,
		pb.Stage_STAGE_INGEST: 20 * ms, pb.Stage_STAGE_QUEUE: 23 * ms, pb.Stage_STAGE_HULL: 30 * ms, pb.Stage_STAGE_SURFACE: 40 * ms, pb.Stage_STAGE_COLOR: 45 * ms,
		pb.Stage_STAGE_MESH_ENCODE: 50 * ms, pb.Stage_STAGE_FANOUT: 51 * ms,
	} {
		stages[stageName(st)] = at
	}
	s := harness.Shown{Source: "b", Seq: 7, CaptureNs: 0, ReceivedNs: 55 * ms, DecodedNs: 60 * ms, ShownNs: 75 * ms, Stages: stages, MeshBytes: 1000}
	// A model shown without stage times counts in glass to glass and the
	// renderer's own stages only.
	bare := harness.Shown{Source: "b", Seq: 8, CaptureNs: 100 * ms, ReceivedNs: 150 * ms, DecodedNs: 155 * ms, ShownNs: 175 * ms}
	empty := &snap{cloud: harness.Samples{}, cpu: map[string]time.Duration{}}
	r := &Result{Stages: map[string]Quantiles{}, Drops: map[string]float64{}, CPUPct: map[string]float64{}}
	r.fill(empty, empty, []harness.Shown{s, bare}, 1, Case{Booths: 1})
	want := map[string]float64{"sync": 2, "segment": 10, "encode": 2, "send": 0, "ingest": 6, "queue": 3, "hull": 7, "surface": 10, "color": 5,
		"mesh_encode": 5, "fanout": 1, "to_renderer": 4}
	for k, v := range want {
		if got := r.Stages[k]; got.N != 1 || got.P50Ms != v {
			t.Errorf("stage %s: %+v, want %v ms", k, got, v)
		}
	}
	if got := r.Stages["decode"]; got.N != 2 || got.P50Ms != 5 {
		t.Errorf("decode %+v", got)
	}
	if got := r.Stages["draw"]; got.N != 2 || got.P50Ms != 15 || got.P99Ms != 20 {
		t.Errorf("draw %+v", got)
	}
	if r.GlassToGlass.N != 2 || r.GlassToGlass.P50Ms != 75 || r.DisplayedFPS != 2 || r.GoalMet != true {
		t.Errorf("%+v", r)
	}
}
