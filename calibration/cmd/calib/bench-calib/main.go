// Command bench-calib measures the calibration tool and prints one JSON
// line per case on stdout (logs on stderr): intrinsics on the 13 real
// OpenCV sample images, and the bundle adjustment of a synthetic booth of
// 16 cameras and 60 board poses. Run it from the calibration module:
// go run ./cmd/calib/bench-calib (it lives under cmd/calib because it links
// OpenCV, which the import rules allow only there and in detect).
package main

import (
	"flag"
	"fmt"
	"os"

	"cloudme.dev/calibration/logging"
)

func main() {
	fs := flag.NewFlagSet("bench-calib", flag.ExitOnError)
	logCfg := logging.RegisterFlags(fs)
	images := fs.String("images", "detect/testdata/opencv-chessboard-left", "folder of the real chessboard images (9x6 inner corners)")
	reps := fs.Int("reps", 3, "repetitions per case; the median time is reported")
	cameras := fs.Int("cameras", 16, "cameras of the synthetic booth")
	views := fs.Int("views", 60, "shared board placements of the synthetic booth (plus the floor view)")
	_ = fs.Parse(os.Args[1:])
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-calib:", err)
		os.Exit(2)
	}
	defer log.Sync() //nolint:errcheck
	if err := run(os.Stdout, log, *images, *reps, sizes{*cameras, *views}); err != nil {
		fmt.Fprintln(os.Stderr, "bench-calib:", err)
		os.Exit(1)
	}
}
