package audiobench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/logging"
)

// Main is bench-audio: figures as a JSON line on stdout, logs on stderr.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench-audio", flag.ContinueOnError)
	fs.SetOutput(stderr)
	run := fs.Duration("run", 45*time.Second, "how long the booth speaks (a click every 4 s)")
	cams := fs.Int("cameras", 4, "synthetic booth's cameras")
	res := fs.String("resolution", "320x180", "synthetic booth's resolution")
	fps := fs.Float64("fps", 10, "synthetic booth's frame rate")
	cell := fs.Float64("cell", 0.01, "cloud's reconstruction cell size, metres")
	out := fs.String("out", "out/bench-audio", "directory for configs, logs and the renderer's audio")
	bin := fs.String("bin", "", "directory holding the three binaries (default: build them into OUT/bin)")
	logCfg := logging.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintln(stderr, "bench-audio:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := filepath.Abs(*out)
	if err != nil {
		log.Error("bench-audio", zap.Error(err))
		return 1
	}
	if *bin == "" {
		root, err := Root()
		if err != nil {
			log.Error("bench-audio", zap.Error(err))
			return 1
		}
		*bin = filepath.Join(dir, "bin")
		log.Info("building the binaries", zap.String("into", *bin))
		if err := Build(ctx, root, *bin); err != nil {
			log.Error("bench-audio", zap.Error(err))
			return 1
		}
	}
	a, err := Run(ctx, Params{Bin: *bin, Dir: dir, Run: *run, Cameras: *cams, Resolution: *res, FPS: *fps, Cell: *cell, Logger: log})
	if err != nil {
		log.Error("bench-audio", zap.Error(err))
		return 1
	}
	f := a.Figures()
	f.Cameras, f.Resolution, f.FPS = *cams, *res, *fps
	if err := json.NewEncoder(stdout).Encode(f); err != nil {
		return 1
	}
	return 0
}
