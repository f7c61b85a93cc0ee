// Command bench-render prints booth-render's figures as JSON lines on
// stdout (logs on stderr): model decode time, software render time at the
// screen's resolution, and the kiosk page's frame rate in headless
// Chromium.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
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
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if err := run(c, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "bench-render:", err)
		os.Exit(1)
	}
}

// run runs every case, under the CPU profiler when cpuprofile is set.
func run(c config, cpuprofile string) error {
	if cpuprofile == "" {
		return runAll(c, os.Stdout, os.Stderr)
	}
	f, err := os.Create(cpuprofile)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return err
	}
	err = runAll(c, os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
