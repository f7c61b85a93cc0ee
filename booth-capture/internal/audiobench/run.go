package audiobench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"go.uber.org/zap"
)

// Params shape a run.
type Params struct {
	// Bin holds the binaries cloud-reconstruct, booth-capture and
	// booth-render (see Build).
	Bin string
	// Dir receives the configs, logs and the renderer's audio files.
	Dir string
	// Run is how long the booth speaks (the person waves every 4 s).
	Run time.Duration
	// The synthetic booth: cameras, resolution, frame rate; the cloud's
	// cell size in metres.
	Cameras    int
	Resolution string
	FPS        float64
	Cell       float64
	Logger     *zap.Logger
}

// Build builds the three binaries into bin from the workspace at root.
func Build(ctx context.Context, root, bin string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin+string(os.PathSeparator),
		"./cloud-reconstruct/cmd/cloud-reconstruct", "./booth-capture/cmd/booth-capture", "./booth-render/cmd/booth-render")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("audiobench: build: %w\n%s", err, out)
	}
	return nil
}

// Root finds the workspace root (where go.work is) from the working
// directory up.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("audiobench: no go.work above the working directory")
		}
		dir = parent
	}
}

// Run starts the cloud, a synthetic booth (booth-a) and a headless
// renderer watching it with its audio going to Dir/audio, lets the booth
// speak for p.Run, stops everything and analyses the renderer's files.
func Run(ctx context.Context, p Params) (*Analysis, error) {
	log := p.Logger
	if log == nil {
		log = zap.NewNop()
	}
	if err := os.MkdirAll(p.Dir, 0o755); err != nil {
		return nil, err
	}
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	env := append(os.Environ(), "CLOUD_TOKEN_SECRET="+hex.EncodeToString(secret))
	cloudBin := filepath.Join(p.Bin, "cloud-reconstruct")
	mint := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, cloudBin, append([]string{"token", "mint", "-ttl", "1h"}, args...)...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("audiobench: mint %v: %w", args, err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	boothTok, err := mint("-subject", "booth-a", "-publish", "booth-a")
	if err != nil {
		return nil, err
	}
	rendTok, err := mint("-subject", "bench-render", "-subscribe-booth", "booth-a")
	if err != nil {
		return nil, err
	}
	cloudPort, err := freePort()
	if err != nil {
		return nil, err
	}
	opsPort, err := freePort()
	if err != nil {
		return nil, err
	}
	cloudURL := fmt.Sprintf("http://127.0.0.1:%d", cloudPort)
	files := map[string]string{
		"booth.token":  boothTok,
		"render.token": rendTok,
		"booth.yaml": fmt.Sprintf(`booth_id: booth-a
cloud_url: %s
token_file: booth.token
fps: %g
listen: 127.0.0.1:%d
synthetic: {cameras: %d, resolution: %s, motion: waving, seed: 1}
audio: {source: synthetic}
`, cloudURL, p.FPS, opsPort, p.Cameras, p.Resolution),
		// A small screen keeps the headless renderer's share of the CPU
		// small; its display time is when its render finished.
		"display.yaml": `screen: {width_m: 3.84, height_m: 2.16, resolution: [640, 360], orientation: landscape, bottom_edge_m: 0}
eye_m: [0, 1.6, 2.0]
person_distance_m: 0
background_rgb: [24, 24, 28]
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(p.Dir, name), []byte(body), 0o600); err != nil {
			return nil, err
		}
	}
	audioDir := filepath.Join(p.Dir, "audio")
	_ = os.RemoveAll(audioDir)

	var procs []*exec.Cmd
	stopAll := func() {
		for i := len(procs) - 1; i >= 0; i-- {
			_ = procs[i].Process.Signal(syscall.SIGTERM)
			_ = procs[i].Wait()
		}
		procs = nil
	}
	defer stopAll()
	start := func(name string, extraEnv []string, bin string, args ...string) error {
		logf, err := os.Create(filepath.Join(p.Dir, name+".log"))
		if err != nil {
			return err
		}
		cmd := exec.Command(filepath.Join(p.Bin, bin), args...)
		cmd.Dir = p.Dir
		cmd.Env = append(append([]string{}, env...), extraEnv...)
		cmd.Stdout, cmd.Stderr = logf, logf
		cmd.WaitDelay = 5 * time.Second
		if err := cmd.Start(); err != nil {
			_ = logf.Close()
			return fmt.Errorf("audiobench: start %s: %w", name, err)
		}
		procs = append(procs, cmd)
		log.Info("started", zap.String("process", name), zap.Int("pid", cmd.Process.Pid))
		return nil
	}
	if err := start("cloud", []string{fmt.Sprintf("CLOUD_LISTEN=127.0.0.1:%d", cloudPort), fmt.Sprintf("CLOUD_CELL_SIZE=%g", p.Cell)},
		"cloud-reconstruct", "serve"); err != nil {
		return nil, err
	}
	if err := waitHealthy(ctx, cloudURL+"/healthz", 20*time.Second); err != nil {
		return nil, err
	}
	if err := start("render", nil, "booth-render", "run", "-cloud", cloudURL, "-booth", "booth-a", "-token-file", "render.token",
		"-renderer-id", "bench-render", "-headless", "-display", "display.yaml", "-audio-out", "audio", "-stale-after", "3s"); err != nil {
		return nil, err
	}
	if err := start("booth", nil, "booth-capture", "-config", "booth.yaml"); err != nil {
		return nil, err
	}
	log.Info("running", zap.Duration("for", p.Run))
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(p.Run):
	}
	stopAll()
	return Analyze(audioDir, "booth-a", int64(float64(time.Second)/p.FPS))
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitHealthy(ctx context.Context, url string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("audiobench: the cloud did not answer %s within %v", url, within)
}
