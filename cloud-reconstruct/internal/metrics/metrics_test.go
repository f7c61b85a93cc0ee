package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandlerExposesMetrics(t *testing.T) {
	t.Parallel()
	m := New()
	m.Stage.WithLabelValues("hull").Observe(0.01)
	m.Drops.WithLabelValues(DropEngineBusy).Inc()
	m.Peers.WithLabelValues(RoleBooth).Set(2)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{`cloud_stage_seconds_bucket{stage="hull"`, `cloud_drops_total{reason="engine_busy"} 1`, `cloud_peers{role="booth"} 2`, "go_goroutines"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("missing %s", want)
		}
	}
}
