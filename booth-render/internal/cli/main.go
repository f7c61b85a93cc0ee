package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-render/internal/agent"
	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/headless"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/booth-render/internal/subscribe"
	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/logging"
	"cloudme.dev/proto/meshcodec"
)

// Main runs the command line and returns the exit status.
func Main(args []string, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = run(args, stderr)
	case "snapshot":
		err = snapshot(args, stderr)
	default:
		fmt.Fprintf(stderr, "booth-render: unknown command %q (want run or snapshot)\n", cmd)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "booth-render %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

func loadGeometry(path string) (*display.Geometry, error) {
	cfg := display.DefaultConfig()
	if path != "" {
		var err error
		if cfg, err = display.LoadConfig(path); err != nil {
			return nil, err
		}
	}
	return display.NewGeometry(cfg)
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("booth-render run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logCfg := logging.RegisterFlags(fs)
	cloud := fs.String("cloud", "http://127.0.0.1:8080", "the cloud's base URL")
	meeting := fs.String("meeting", "", "meeting to watch")
	exclude := fs.String("exclude", "", "booth to leave out of the meeting (this booth's own)")
	booth := fs.String("booth", "", "single booth to watch (instead of a meeting)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token (default: $CLOUDME_TOKEN)")
	id := fs.String("renderer-id", hostID(), "this renderer's name in display reports")
	displayCfg := fs.String("display", "", "display config YAML (default: a 3.84 x 2.16 m 4K wall)")
	listen := fs.String("listen", "127.0.0.1:8090", "kiosk page address")
	kiosk := fs.Bool("kiosk", false, "launch Chromium full screen on the page (restarted if it dies)")
	chromium := fs.String("chromium", "", "Chromium binary (default: chromium on PATH)")
	headlessMode := fs.Bool("headless", false, "no page: render with the software renderer (display time = render finished)")
	every := fs.Duration("snapshot-every", 0, "write a PNG of the display this often (e.g. 10s)")
	dir := fs.String("snapshot-dir", "snapshots", "directory for periodic snapshots")
	stale := fs.Duration("stale-after", time.Second, "clear the person this long after the last model")
	pageAudio := fs.Bool("audio", true, "play the booths' audio on the kiosk page (pictures are then held to a steady latency, in step with it)")
	audioOut := fs.String("audio-out", "", "also play the booths' audio into this directory (Ogg Opus per booth + schedule.jsonl of play and display times)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		return err
	}
	defer func() { _ = log.Sync() }()
	g, err := loadGeometry(*displayCfg)
	if err != nil {
		return err
	}
	token := os.Getenv("CLOUDME_TOKEN")
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return fmt.Errorf("token: %w", err)
		}
		token = strings.TrimSpace(string(b))
	}
	snapDir := ""
	if *every > 0 {
		snapDir = *dir
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := agent.New(ctx, agent.Params{
		Geometry: g, Headless: *headlessMode, Listen: *listen, Kiosk: *kiosk, Chromium: *chromium,
		SnapshotEvery: *every, SnapshotDir: snapDir, StaleAfter: *stale, PageAudio: *pageAudio, AudioDir: *audioOut, Logger: log,
		Subscribe: subscribe.Params{
			Cloud: *cloud, Target: subscribe.Target{Meeting: *meeting, Exclude: *exclude, Booth: *booth},
			Token: token, RendererID: *id, Link: link.Config{Logger: log.Named("link"), PionLevel: logCfg.PionLevel},
		},
	})
	if err != nil {
		return err
	}
	if u := a.PageURL(); u != "" {
		log.Info("booth-render running", zap.String("page", u))
	}
	<-ctx.Done()
	return a.Close()
}

func hostID() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "booth-render"
	}
	var b strings.Builder
	for _, c := range h {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteRune(c)
		}
	}
	s := b.String()
	if s == "" {
		return "booth-render"
	}
	return s[:min(len(s), 64)]
}

func snapshot(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("booth-render snapshot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logCfg := logging.RegisterFlags(fs)
	in := fs.String("model", "", "model file: .ply, .obj, .glb or .cmesh")
	out := fs.String("out", "snapshot.png", "PNG to write")
	displayCfg := fs.String("display", "", "display config YAML (default: a 3.84 x 2.16 m 4K wall)")
	width := fs.Int("width", 0, "image width (default: the screen's resolution)")
	height := fs.Int("height", 0, "image height (default: the screen's resolution)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		return err
	}
	if *in == "" {
		return errors.New("--model is required")
	}
	if (*width == 0) != (*height == 0) {
		return errors.New("give both --width and --height, or neither")
	}
	g, err := loadGeometry(*displayCfg)
	if err != nil {
		return err
	}
	m, err := model.ReadFile(*in, meshcodec.Limits{})
	if err != nil {
		return err
	}
	r, err := headless.NewRenderer(g, *width, *height, 0)
	if err != nil {
		return err
	}
	start := time.Now()
	if _, err := r.Render(m); err != nil {
		return err
	}
	rendered := time.Since(start)
	if err := headless.WritePNG(*out, r.Image("")); err != nil {
		return err
	}
	log.Info("snapshot written", zap.String("out", *out), zap.Int("triangles", m.Mesh.TriangleCount()), zap.Duration("render", rendered))
	return nil
}
