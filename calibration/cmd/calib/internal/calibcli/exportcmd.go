package calibcli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cloudme.dev/calibration/colmap"
	"cloudme.dev/calibration/rig"
)

func setupExport(fs *flag.FlagSet) func(*env) error {
	rigPath := fs.String("rig", "", "rig file to export (required)")
	format := fs.String("format", "all", "opencv, colmap or all")
	out := fs.String("out", "export", "output folder")
	return func(e *env) error {
		if *rigPath == "" {
			return fmt.Errorf("--rig is required: %w", ErrUsage)
		}
		r, err := rig.Load(*rigPath)
		if err != nil {
			return err
		}
		var paths []string
		if *format == "opencv" || *format == "all" {
			dir := filepath.Join(*out, "opencv")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			p, err := writeOpenCVDir(dir, r)
			if err != nil {
				return err
			}
			paths = append(paths, p...)
		}
		if *format == "colmap" || *format == "all" {
			dir := filepath.Join(*out, "colmap")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			p, err := writeColmapDir(dir, r)
			if err != nil {
				return err
			}
			paths = append(paths, p...)
		}
		if len(paths) == 0 {
			return fmt.Errorf("--format %q: want opencv, colmap or all: %w", *format, ErrUsage)
		}
		if e.json {
			return e.printJSON(map[string]any{"ok": true, "files": paths})
		}
		for _, p := range paths {
			fmt.Fprintln(e.stdout, "wrote", p)
		}
		return nil
	}
}

func setupImport(fs *flag.FlagSet) func(*env) error {
	format := fs.String("format", "colmap", "colmap (cameras.txt + images.txt) or opencv (FileStorage intrinsics, one file per camera)")
	cams := fs.String("cameras", "", "colmap: cameras.txt")
	imgs := fs.String("images-txt", "", "colmap: images.txt")
	files := fs.String("files", "", "opencv: comma-separated YAML files; camera ID from each file name's trailing digits")
	booth := fs.String("booth", "booth", "booth ID of the rig")
	out := fs.String("out", "rig.yaml", "rig file to write")
	return func(e *env) error {
		var r *rig.Rig
		var err error
		switch *format {
		case "colmap":
			r, err = importColmap(*booth, *cams, *imgs)
		case "opencv":
			r, err = importOpenCV(*booth, *files)
		default:
			return fmt.Errorf("--format %q: want colmap or opencv: %w", *format, ErrUsage)
		}
		if err != nil {
			return err
		}
		if err := r.Save(*out); err != nil {
			return err
		}
		if e.json {
			return e.printJSON(map[string]any{"ok": true, "cameras": len(r.Cameras), "rig": *out})
		}
		fmt.Fprintf(e.stdout, "wrote %s (%d cameras)\n", *out, len(r.Cameras))
		return nil
	}
}

func importColmap(booth, camsPath, imgsPath string) (*rig.Rig, error) {
	if camsPath == "" || imgsPath == "" {
		return nil, fmt.Errorf("--cameras and --images-txt are required: %w", ErrUsage)
	}
	cd, err := os.ReadFile(camsPath)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	id, err := os.ReadFile(imgsPath)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	r, err := colmap.Import(booth, cd, id)
	if err != nil {
		return nil, fmt.Errorf("import %s + %s: %w", camsPath, imgsPath, err)
	}
	return r, nil
}

// importOpenCV reads intrinsics-only OpenCV files; poses are left at the
// identity (such a rig is input for calib extrinsics --intrinsics).
func importOpenCV(booth, list string) (*rig.Rig, error) {
	if list == "" {
		return nil, fmt.Errorf("--files is required: %w", ErrUsage)
	}
	r := &rig.Rig{BoothID: booth}
	var errs []error
	for _, p := range strings.Split(list, ",") {
		data, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("import: %w", err))
			continue
		}
		k, d, w, h, err := rig.ParseOpenCVIntrinsics(data)
		if err != nil {
			errs = append(errs, fmt.Errorf("opencv file %s: %w", p, err))
			continue
		}
		m := trailingDigits.FindString(viewName(p))
		if m == "" {
			errs = append(errs, fmt.Errorf("opencv file %s: no camera id in its name (want e.g. cam03.yaml): %w", p, ErrUsage))
			continue
		}
		id, _ := strconv.Atoi(m)
		r.Cameras = append(r.Cameras, rig.Camera{ID: id, Name: viewName(p), Width: w, Height: h, K: k, D: d,
			Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}})
	}
	return r, errors.Join(errs...)
}
