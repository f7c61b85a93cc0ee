package harness

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoWorkspace: the repository root (the directory holding go.work)
// was not found above the working directory.
var ErrNoWorkspace = errors.New("harness: go.work not found above the working directory")

// Binaries are the paths of the three agents.
type Binaries struct {
	Cloud, Booth, Render string
}

// Root returns the repository root: the first directory holding go.work
// at or above the working directory.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", ErrNoWorkspace
		}
		dir = up
	}
}

// Build compiles the three binaries into dir with `go build` (no -race:
// they are measured, not checked). Their build output goes to the
// returned error.
func Build(ctx context.Context, dir string) (Binaries, error) {
	root, err := Root()
	if err != nil {
		return Binaries{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Binaries{}, err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", dir+string(filepath.Separator),
		"./cloud-reconstruct/cmd/cloud-reconstruct", "./booth-capture/cmd/booth-capture", "./booth-render/cmd/booth-render")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return Binaries{}, fmt.Errorf("harness: go build: %v\n%s", err, out)
	}
	return Binaries{
		Cloud:  filepath.Join(dir, "cloud-reconstruct"),
		Booth:  filepath.Join(dir, "booth-capture"),
		Render: filepath.Join(dir, "booth-render"),
	}, nil
}
