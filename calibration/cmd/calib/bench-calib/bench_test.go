package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/zap"
)

// TestRunPrintsJSONLines runs a reduced benchmark and checks its output
// shape and that the figures are sane (not their speed).
func TestRunPrintsJSONLines(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the calibrations; skipped under -short")
	}
	var out bytes.Buffer
	if err := run(&out, zap.NewNop(), "../../../detect/testdata/opencv-chessboard-left", 1, sizes{cameras: 6, views: 15}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), out.String())
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if _, ok := m["bench"].(string); !ok {
			t.Fatalf("line %d has no bench name: %s", i, l)
		}
		if rms, _ := m["rms_px"].(float64); rms < 0.15 || rms > 0.3 {
			t.Fatalf("line %d: rms_px %v", i, m["rms_px"])
		}
	}
}

func TestRunMissingImages(t *testing.T) {
	t.Parallel()
	if err := run(&bytes.Buffer{}, zap.NewNop(), "no/such/dir", 1, sizes{cameras: 6, views: 15}); err == nil {
		t.Fatal("missing images accepted")
	}
}
