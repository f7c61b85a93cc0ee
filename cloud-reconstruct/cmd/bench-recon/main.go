// Command bench-recon measures the reconstruction engine on the synthetic
// booth and prints one JSON line per configuration on stdout (logs go to
// stderr); with -open3d it also runs Open3D's carve_silhouette on the same
// masks and prints both side by side. See internal/reconbench.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"

	"go.uber.org/zap"

	"cloudme.dev/calibration/logging"
	"cloudme.dev/cloud-reconstruct/internal/reconbench"
)

func main() {
	fs := flag.NewFlagSet("bench-recon", flag.ExitOnError)
	logCfg := logging.RegisterFlags(fs)
	views := fs.String("views", "8", "camera counts, comma separated")
	res := fs.String("res", "1080p", "resolutions (720p, 1080p, 4k), comma separated")
	cells := fs.String("cell-mm", "5", "finest cell sizes in mm, comma separated")
	downscales := fs.String("downscale", "1", "booth working-scale divisors d (masks and colour sent at 1/d, as booth-capture does), comma separated")
	frames := fs.Int("frames", 100, "timed frames per configuration")
	smoothing := fs.Float64("smoothing", 0, "temporal smoothing")
	workers := fs.Int("workers", 0, "engine goroutines (0: GOMAXPROCS)")
	open3d := fs.String("open3d", "bench/open3d/carve.py", "Open3D peer script; empty skips the peer")
	python := fs.String("python", "/usr/bin/python3", "interpreter with python3-open3d")
	peerFrames := fs.Int("open3d-frames", 3, "frames for the side-by-side run (Open3D takes seconds per frame)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	_ = fs.Parse(os.Args[1:])
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-recon:", err)
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench-recon:", err)
			os.Exit(2)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "bench-recon:", err)
			os.Exit(2)
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, log, *views, *res, *cells, *downscales, *frames, *smoothing, *workers, *open3d, *python, *peerFrames); err != nil {
		log.Error("bench-recon failed", zap.Error(err))
		os.Exit(1)
	}
}

func run(ctx context.Context, log *zap.Logger, views, res, cells, downscales string, frames int, smoothing float64, workers int, script, python string, peerFrames int) error {
	vs, err := ints(views, "camera count")
	if err != nil {
		return err
	}
	cs, err := floats(cells)
	if err != nil {
		return err
	}
	ds, err := ints(downscales, "downscale")
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	for _, v := range vs {
		for _, r := range strings.Split(res, ",") {
			for _, c := range cs {
				for _, d := range ds {
					if err := runCase(ctx, log, enc, reconbench.Case{Cameras: v, Resolution: strings.TrimSpace(r), CellMM: c, Frames: frames,
						Smoothing: smoothing, Workers: workers, Downscale: d}, &script, python, peerFrames); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// runCase prints one case's line and, at full resolution and with a peer
// script, the side-by-side lines; a peer that cannot run clears *script.
func runCase(ctx context.Context, log *zap.Logger, enc *json.Encoder, cs reconbench.Case, script *string, python string, peerFrames int) error {
	log.Info("case", zap.Int("views", cs.Cameras), zap.String("res", cs.Resolution), zap.Float64("cell_mm", cs.CellMM),
		zap.Int("downscale", cs.Downscale), zap.Int("frames", cs.Frames))
	out, err := reconbench.Run(ctx, cs, log)
	if err != nil {
		return err
	}
	if err := enc.Encode(out); err != nil {
		return err
	}
	if *script == "" {
		return nil
	}
	if cs.Downscale > 1 {
		log.Info("open3d peer skipped: it runs on full-resolution masks only", zap.Int("downscale", cs.Downscale))
		return nil
	}
	cs.Frames = peerFrames
	lines, err := reconbench.RunPeer(ctx, reconbench.PeerCase{Case: cs, Script: *script, Python: python}, log)
	if errors.Is(err, reconbench.ErrNoPeer) {
		log.Warn("open3d peer skipped: printing only the engine's figures", zap.Error(err))
		*script = ""
		return nil
	}
	if err != nil {
		return err
	}
	if err := enc.Encode(lines.Ours); err != nil {
		return err
	}
	return enc.Encode(lines.Peer)
}

func ints(s, what string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 1 {
			return nil, fmt.Errorf("bad %s %q", what, f)
		}
		out = append(out, v)
	}
	return out, nil
}

func floats(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(v > 0) {
			return nil, fmt.Errorf("bad cell size %q", f)
		}
		out = append(out, v)
	}
	return out, nil
}
