// Command synth writes a synthetic booth dataset: colour images, exact
// masks and depth, the rig file and the true meshes for N frames (see
// calibration/synth/DATASET.md).
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"cloudme.dev/calibration/logging"
	"cloudme.dev/calibration/synth"
	"go.uber.org/zap"
)

func main() {
	if err := run(); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run() error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	logCfg := logging.RegisterFlags(fs)
	var o synth.Options
	out := fs.String("out", "", "dataset folder to write (required)")
	fs.IntVar(&o.Frames, "frames", 30, "number of frames")
	fs.Float64Var(&o.FPS, "fps", 30, "frames per second")
	fs.IntVar(&o.Cameras, "cameras", synth.DefaultCameras, "number of cameras (1 to 32)")
	fs.StringVar(&o.Resolution, "resolution", "1080p", "720p, 1080p or 4k")
	fs.BoolVar(&o.Portrait, "portrait", false, "portrait images")
	fs.StringVar(&o.Motion, "motion", "tour", "standing, waving, turning, walking, arms-pressed or tour")
	fs.Int64Var(&o.Seed, "seed", 1, "seed for the person, rig and realism")
	fs.Float64Var(&o.Height, "height", 0, "person height in metres (0: from the seed, or the mesh's own)")
	fs.IntVar(&o.Detail, "detail", 0, "person triangles (0: default)")
	fs.StringVar(&o.PersonMesh, "person-mesh", "", "PLY, OBJ or GLB mesh to stand in for the synthetic person")
	fs.BoolVar(&o.Background, "background", false, "draw the booth walls, floor and lights behind the person")
	fs.Float64Var(&o.Realism.Noise, "noise", 0, "sensor noise sigma in 8-bit levels")
	fs.Float64Var(&o.Realism.Exposure, "exposure", 0, "largest per-camera exposure gain error (0.1 = 10%)")
	fs.Float64Var(&o.Realism.Jitter, "jitter", 0, "largest capture time offset per camera, seconds")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return fmt.Errorf("--out is required")
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		return err
	}
	defer log.Sync()
	booth, man, err := o.Build()
	if err != nil {
		return err
	}
	log.Info("writing dataset", zap.String("out", *out), zap.Int("frames", o.Frames),
		zap.Int("cameras", len(booth.Rig.Cameras)), zap.String("subject", man.Subject.Kind))
	start := time.Now()
	err = synth.WriteDataset(*out, booth, man, func(done, total int) {
		log.Info("frame written", zap.Int("frame", done), zap.Int("of", total), zap.Duration("elapsed", time.Since(start)))
	})
	if err != nil {
		return err
	}
	log.Info("dataset complete", zap.String("out", *out), zap.Duration("elapsed", time.Since(start)))
	return nil
}
