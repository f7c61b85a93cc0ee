// Command bench-synth measures the synthetic booth's render time and
// prints one JSON object per case on stdout (logs go to stderr).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"cloudme.dev/calibration/synth"
)

func main() {
	frames := flag.Int("frames", 30, "timed frames per case")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	for _, bg := range []bool{false, true} {
		for _, c := range []synth.BenchCase{
			{Name: "render-8x1080p", Cameras: 8, Resolution: "1080p"},
			{Name: "render-16x720p", Cameras: 16, Resolution: "720p"},
			{Name: "render-8x4k", Cameras: 8, Resolution: "4k"},
		} {
			c.Background, c.Frames = bg, *frames
			if bg {
				c.Name += "-background"
			}
			fmt.Fprintf(os.Stderr, "bench-synth: %s\n", c.Name)
			res, err := synth.RunBench(c)
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench-synth:", err)
				os.Exit(1)
			}
			if err := enc.Encode(res); err != nil {
				fmt.Fprintln(os.Stderr, "bench-synth:", err)
				os.Exit(1)
			}
		}
	}
}
