// Command bench-e2e runs the three real binaries on this machine and
// prints one JSON line per case on stdout (logs on stderr): glass-to-glass
// latency, every stage, frames per second and drops at each hop, bitrate
// per hop and CPU per process. With -load it adds independent synthetic
// booths, one case per count, until frames drop or -max-booths.
//
//	go run ./e2e/cmd/bench-e2e [-measure 30s] [-booths 1] [-cameras 8] [-resolution 720p] [-fps 30] [-replay 1s]
//	go run ./e2e/cmd/bench-e2e -load [-max-booths 6] [-cameras 4] [-resolution 640x360] [-fps 10]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"cloudme.dev/e2e/internal/benche2e"
	"cloudme.dev/e2e/internal/harness"
)

func main() {
	booths := flag.Int("booths", 1, "booths in one meeting (1: one booth watched by one renderer)")
	cameras := flag.Int("cameras", 8, "cameras per booth")
	res := flag.String("resolution", "720p", "camera resolution: 720p, 1080p, 4k or WxH")
	fps := flag.Float64("fps", 30, "frame sets per second offered by each booth")
	cell := flag.Float64("cell", 0.005, "reconstruction cell size in metres (CLOUD_CELL_SIZE)")
	measure := flag.Duration("measure", 30*time.Second, "measured window per case")
	warmup := flag.Duration("warmup", 5*time.Second, "warm-up after the first model")
	load := flag.Bool("load", false, "load test: 1, 2, ... independent booths until frames drop")
	maxBooths := flag.Int("max-booths", 6, "load test: largest booth count")
	replay := flag.Duration("replay", 0, "each booth pre-renders this long of its person's motion and replays it from memory, so its cameras cost what real ones do (0: render live)")
	duty := flag.Float64("engine-duty", 0, "every booth's engine_duty, 0.5 to 1 (0: the booth's default)")
	keep := flag.String("logs", "", "directory for the processes' logs (default: a temporary one, removed)")
	flag.Parse()
	if *duty != 0 && !(*duty >= 0.5 && *duty <= 1) {
		fmt.Fprintf(os.Stderr, "bench-e2e: -engine-duty %g: want 0.5 to 1, or 0 for the booth's default\n", *duty)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, benche2e.Case{Booths: *booths, Cameras: *cameras, Resolution: *res, FPS: *fps, CellSize: *cell,
		Warmup: *warmup, Measure: *measure, Replay: *replay, EngineDuty: *duty}, *load, *maxBooths, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench-e2e:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, base benche2e.Case, load bool, maxBooths int, keep string) (err error) {
	dir := keep
	if dir == "" {
		d, err := os.MkdirTemp("", "bench-e2e-")
		if err != nil {
			return err
		}
		// Kept when the run fails: the processes' logs say why.
		defer func() {
			if err == nil {
				_ = os.RemoveAll(d)
			}
		}()
		dir = d
	}
	fmt.Fprintln(os.Stderr, "bench-e2e: building the binaries")
	bin, err := harness.Build(ctx, filepath.Join(dir, "bin"))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	if !load {
		r, err := benche2e.Run(ctx, bin, filepath.Join(dir, "case"), base, os.Stderr)
		if err != nil {
			return err
		}
		return enc.Encode(r)
	}
	// A booth count is held while every booth gets at least 90 % of its
	// offered frame rate to its screen. The test goes on past the first
	// count that is not, to show how it breaks, until -max-booths or until
	// the screens get less than a tenth of the offered rate.
	held, broken := 0, false
	for n := 1; n <= maxBooths; n++ {
		c := base
		c.Booths, c.Independent = n, true
		r, err := benche2e.Run(ctx, bin, filepath.Join(dir, fmt.Sprintf("load-%d", n)), c, os.Stderr)
		if err != nil {
			return err
		}
		r.Bench = "e2e_load"
		if err := enc.Encode(r); err != nil {
			return err
		}
		if r.DisplayedFPS >= 0.9*base.FPS*float64(n) && !broken {
			held = n
		} else {
			broken = true
		}
		if r.DisplayedFPS < 0.1*base.FPS*float64(n) {
			break
		}
	}
	summary := map[string]any{"bench": "e2e_load_summary", "cameras": base.Cameras, "resolution": base.Resolution, "offered_fps": base.FPS,
		"cell_mm": base.CellSize * 1000, "rule": "displayed fps >= 90 % of offered for every booth", "max_booths_tried": maxBooths, "booths_held": held}
	if base.EngineDuty > 0 {
		summary["engine_duty"] = base.EngineDuty
	}
	return enc.Encode(summary)
}
