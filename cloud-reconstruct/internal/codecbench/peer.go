package codecbench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"cloudme.dev/proto/mesh"
)

// ErrNoPeer is wrapped when node or the draco3d package cannot be found.
var ErrNoPeer = errors.New("draco peer unavailable")

// Draco runs the node script at script on m and returns its JSON lines,
// each with "peer":"draco" and "mesh":name added.
func Draco(ctx context.Context, script, name string, m *mesh.Mesh, positionBits, colorBits, iterations int, speeds string) ([]map[string]any, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("%w: node not on PATH: %v", ErrNoPeer, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(script), "node_modules", "draco3d")); err != nil {
		return nil, fmt.Errorf("%w: draco3d not installed next to %s (run npm ci in %s)", ErrNoPeer, script, filepath.Dir(script))
	}
	dir, err := os.MkdirTemp("", "bench-codec-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "mesh.cmbm")
	if err := os.WriteFile(file, AppendMeshFile(nil, m, positionBits, colorBits), 0o600); err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, node, script, file, strconv.Itoa(iterations), speeds)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v: %s", ErrNoPeer, script, err, bytes.TrimSpace(stderr.Bytes()))
	}
	var lines []map[string]any
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("draco peer printed %q: %w", sc.Text(), err)
		}
		line["peer"] = "draco"
		line["mesh"] = name
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("draco peer printed nothing: %s", bytes.TrimSpace(stderr.Bytes()))
	}
	return lines, nil
}
