// Command bench-capture prints the booth-side figures as JSON lines: for 8
// synthetic cameras at 1080p and 720p, segmentation plus encoding time per
// frame set, bytes per frame set, Mbit/s at 30 fps and mask IoU.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"

	"cloudme.dev/booth-capture/internal/bench"
	"cloudme.dev/calibration/synth"
)

func main() {
	cams := flag.Int("cameras", 8, "synthetic cameras")
	res := flag.String("resolutions", "1080p,720p", "comma-separated resolutions")
	sets := flag.Int("sets", 60, "frame sets timed per case")
	frames := flag.Int("frames", 6, "distinct frame sets rendered per case")
	workers := flag.Int("workers", 2, "cameras processed in parallel")
	noise := flag.Float64("noise", 2, "sensor noise sigma, 8-bit levels")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench-capture:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "bench-capture:", err)
			os.Exit(1)
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}
	for _, r := range strings.Split(*res, ",") {
		out, err := bench.Run(bench.Case{Cameras: *cams, Resolution: r, Frames: *frames, Sets: *sets, Workers: *workers,
			Realism: synth.Realism{Noise: *noise, Exposure: 0.05, Jitter: 0.002}})
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench-capture:", err)
			os.Exit(1)
		}
		if err := bench.Write(os.Stdout, out); err != nil {
			fmt.Fprintln(os.Stderr, "bench-capture:", err)
			os.Exit(1)
		}
	}
}
