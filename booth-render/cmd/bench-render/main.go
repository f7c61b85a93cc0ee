// Command bench-render prints booth-render's figures as JSON lines on
// stdout (logs on stderr): model decode time, software render time at the
// screen's resolution, and the kiosk page's frame rate in headless
// Chromium.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var c config
	flag.IntVar(&c.Triangles, "triangles", 100_000, "triangles in the synthetic person")
	flag.IntVar(&c.Runs, "runs", 20, "timed runs per case")
	flag.IntVar(&c.Width, "width", 3840, "software render width")
	flag.IntVar(&c.Height, "height", 2160, "software render height")
	flag.IntVar(&c.PageWidth, "page-width", 1280, "headless Chromium viewport width")
	flag.IntVar(&c.PageHeight, "page-height", 720, "headless Chromium viewport height")
	flag.DurationVar(&c.PageFor, "page-for", 0, "how long to measure the page (default 5s)")
	flag.StringVar(&c.Chromium, "chromium", "", "Chromium binary (default: chromium on PATH; the page case is skipped without one)")
	flag.Parse()
	if err := runAll(c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench-render:", err)
		os.Exit(1)
	}
}
