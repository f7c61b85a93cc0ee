package reconcli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Options are the command's settings.
type Options struct {
	In, Out       string
	Format        string // "synth", "middlebury" or "" (detect)
	CellMM        float64
	Threshold     float64
	Dilate, Erode float64
	Frames        int // 0: all
	Lo, Hi        string
	Smoothing     float64
	Workers       int
	UnseenCarves  string // "auto", "true" or "false"
	NoColor       bool
}

// RegisterFlags declares the command's flags on fs.
func RegisterFlags(fs *flag.FlagSet) *Options {
	o := &Options{}
	fs.StringVar(&o.In, "in", "", "input folder: a synthetic-booth dataset or a Middlebury multi-view folder (required)")
	fs.StringVar(&o.Out, "out", "", "output folder for frame_NNNNNN.ply and .glb (required)")
	fs.StringVar(&o.Format, "format", "", "input format: synth or middlebury (default: detected)")
	fs.Float64Var(&o.CellMM, "cell-mm", 5, "finest cell size in millimetres (0.2 to 10)")
	fs.Float64Var(&o.Threshold, "mask-threshold", 0.19, "middlebury: grey level (0..1) above which a pixel is the object")
	fs.Float64Var(&o.Dilate, "dilate", 10, "middlebury: dilate masks by this many pixels")
	fs.Float64Var(&o.Erode, "erode", 7, "middlebury: then erode them by this many pixels")
	fs.IntVar(&o.Frames, "frames", 0, "reconstruct at most this many frames (0: all)")
	fs.StringVar(&o.Lo, "lo", "", "volume low corner x,y,z in metres (default: the booth, or the data set's box)")
	fs.StringVar(&o.Hi, "hi", "", "volume high corner x,y,z in metres")
	fs.Float64Var(&o.Smoothing, "smoothing", 0, "temporal smoothing, weight of the past in [0, 1)")
	fs.IntVar(&o.Workers, "workers", 0, "goroutines (0: GOMAXPROCS)")
	fs.StringVar(&o.UnseenCarves, "unseen-carves", "auto", "let cameras carve what they do not see: true, false or auto (true for middlebury)")
	fs.BoolVar(&o.NoColor, "no-color", false, "skip vertex colours")
	return o
}

// format returns the input format, detecting it from the folder.
func (o *Options) format() (string, error) {
	switch o.Format {
	case "synth", "middlebury":
		return o.Format, nil
	case "":
	default:
		return "", fmt.Errorf("%w: --format %q (want synth or middlebury)", ErrUsage, o.Format)
	}
	if _, err := os.Stat(filepath.Join(o.In, "manifest.json")); err == nil {
		return "synth", nil
	}
	if pars, _ := filepath.Glob(filepath.Join(o.In, "*_par.txt")); len(pars) > 0 {
		return "middlebury", nil
	}
	return "", fmt.Errorf("%w: %s is neither a synthetic dataset (manifest.json) nor a Middlebury folder (*_par.txt); set --format", ErrUsage, o.In)
}

// parseVec parses "x,y,z".
func parseVec(name, s string) ([3]float64, error) {
	var v [3]float64
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return v, fmt.Errorf("%w: --%s %q: want x,y,z", ErrUsage, name, s)
	}
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return v, fmt.Errorf("%w: --%s %q: %v", ErrUsage, name, s, err)
		}
		v[i] = f
	}
	return v, nil
}

// check validates the options that need no input.
func (o *Options) check() error {
	if o.In == "" || o.Out == "" {
		return fmt.Errorf("%w: --in and --out are required", ErrUsage)
	}
	if o.Frames < 0 {
		return fmt.Errorf("%w: --frames %d", ErrUsage, o.Frames)
	}
	if (o.Lo == "") != (o.Hi == "") {
		return fmt.Errorf("%w: --lo and --hi go together", ErrUsage)
	}
	switch o.UnseenCarves {
	case "auto", "true", "false":
	default:
		return fmt.Errorf("%w: --unseen-carves %q (want true, false or auto)", ErrUsage, o.UnseenCarves)
	}
	return nil
}
