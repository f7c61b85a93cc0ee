// Command bench-cloud measures the cloud service in-process and prints
// one JSON line per case on stdout (logs on stderr): a meeting at the
// target rate with per-stage latency and CPU, then the largest number of
// meetings that holds 15 fps per booth with capture-to-renderer p99 <=
// 200 ms.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/logging"
	"cloudme.dev/cloud-reconstruct/internal/cloudbench"
)

func main() {
	cameras := flag.Int("cameras", 8, "cameras per booth")
	res := flag.String("resolution", "720p", "camera resolution: 720p, 1080p or 4k")
	fps := flag.Float64("fps", 30, "frame rate of the single-meeting case")
	capFPS := flag.Float64("capacity-fps", 15, "frame rate of the capacity search")
	maxMeetings := flag.Int("max-meetings", 8, "stop the capacity search here")
	cell := flag.Float64("cell", 0.005, "reconstruction cell size in metres")
	measure := flag.Duration("measure", 10*time.Second, "measurement window per case")
	warmup := flag.Duration("warmup", 3*time.Second, "warm-up per case")
	colour := flag.String("colour", "jpeg", "the booths' colour crops: jpeg (quality 85, as booth-capture sends), raw (RGB) or none (masks only)")
	logCfg := logging.RegisterFlags(flag.CommandLine)
	flag.Parse()
	if logCfg.Level == "info" {
		logCfg.Level = "warn"
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := run(log, *cameras, *res, *colour, *fps, *capFPS, *maxMeetings, *cell, *warmup, *measure); err != nil {
		log.Error("bench-cloud failed", zap.Error(err))
		os.Exit(1)
	}
}

func run(log *zap.Logger, cameras int, res, colour string, fps, capFPS float64, maxMeetings int, cell float64, warmup, measure time.Duration) error {
	ctx := context.Background()
	b, err := cloudbench.New(cameras, res, colour, log)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	r, err := b.Run(ctx, cloudbench.Case{Meetings: 1, Booths: 2, FPS: fps, Warmup: warmup, Measure: measure, CellSize: cell})
	if err != nil {
		return err
	}
	r.Bench = "cloud_meeting"
	if err := enc.Encode(r); err != nil {
		return err
	}
	best := 0
	for m := 1; m <= maxMeetings; m++ {
		r, err := b.Run(ctx, cloudbench.Case{Meetings: m, Booths: 2, FPS: capFPS, Warmup: warmup, Measure: measure, CellSize: cell})
		if err != nil {
			return err
		}
		held := r.DeliveredP99 <= 200 && r.ModelFPS >= 0.9*capFPS && r.Models > 0
		r.Held = &held
		if err := enc.Encode(r); err != nil {
			return err
		}
		if !held {
			break
		}
		best = m
	}
	return enc.Encode(map[string]any{"bench": "cloud_capacity", "target_fps": capFPS, "p99_limit_ms": 200, "booths_per_meeting": 2, "cameras": cameras, "resolution": res, "colour": colour, "cell_size_mm": cell * 1000, "meetings_held": best})
}
