package codecbench

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDraco runs the real peer when node and bench/draco's node_modules are
// there; it says so when it cannot.
func TestDraco(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(root, "bench", "draco", "encode.mjs")
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed: the Draco peer is not tested")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(script), "node_modules", "draco3d")); err != nil {
		t.Skip("run npm ci in bench/draco: the Draco peer is not tested")
	}
	m := Blobby(0.06)
	lines, err := Draco(context.Background(), script, "blobby", m, 11, 6, 1, "5")
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0]["peer"] != "draco" || lines[0]["triangles"] != float64(m.TriangleCount()) {
		t.Fatalf("peer lines %v", lines)
	}
	if b, ok := lines[0]["bytes"].(float64); !ok || b <= 0 {
		t.Fatalf("peer bytes %v", lines[0]["bytes"])
	}
}
