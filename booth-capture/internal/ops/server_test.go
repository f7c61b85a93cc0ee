package ops

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testBooth is a hand-written stand-in for the agent.
type testBooth struct {
	snap     Snapshot
	relearns atomic.Int32
}

func (b *testBooth) Snapshot() Snapshot { return b.snap }
func (b *testBooth) Relearn(context.Context) error {
	b.relearns.Add(1)
	return nil
}

func TestServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	seg := NewRecorder(MsBuckets)
	seg.Observe(3)
	seg.Observe(700)
	b := &testBooth{snap: Snapshot{BoothID: "b", SegmentMs: seg.Snapshot(), EncodeMs: NewRecorder(MsBuckets).Snapshot(), SkewHistogram: NewRecorder(MsBuckets).Snapshot(),
		Cameras: []CameraStatus{{ID: 0, State: StateOK, FPS: 29.5}, {ID: 1, State: StateDegraded, LastError: "gone"}}}}
	s, err := New(Params{Listen: "127.0.0.1:0", Booth: b})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(path string) (int, string) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+s.Addr()+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, body := get("/metrics")
	for _, want := range []string{`booth_capture_camera_fps{camera="0"} 29.5`, `booth_capture_camera_up{camera="1"} 0`,
		`booth_capture_segment_ms_bucket{le="5"} 1`, `booth_capture_segment_ms_bucket{le="+Inf"} 2`, "booth_capture_segment_ms_sum 703"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Fatalf("%d: %q not in\n%s", code, want, body)
		}
	}
	code, body = get("/healthz")
	var snap Snapshot
	if err := json.Unmarshal([]byte(body), &snap); err != nil || code != 200 || snap.Cameras[1].State != StateDegraded {
		t.Fatalf("%d %s %v", code, body, err)
	}
	b.snap.Cameras[0].State = StateStalled
	if code, _ = get("/healthz"); code != http.StatusServiceUnavailable {
		t.Fatalf("no camera delivers: %d", code)
	}
	if err := Relearn(ctx, s.Addr()); err != nil || b.relearns.Load() != 1 {
		t.Fatal(err, b.relearns.Load())
	}
	_ = s.Close()
	if err := Relearn(ctx, s.Addr()); !errors.Is(err, ErrRelearn) {
		t.Fatal(err)
	}
}
