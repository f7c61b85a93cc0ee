package calibcli

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"sort"

	"go.uber.org/zap"

	"cloudme.dev/calibration/detect"
	"cloudme.dev/calibration/report"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

type extrinsicsCameraJSON struct {
	ID        int            `json:"id"`
	RMS       float64        `json:"rms_px"`
	Views     int            `json:"views_used"`
	Centre    [3]float64     `json:"centre"`
	Rotation  [9]float64     `json:"rotation"`
	K         rig.Intrinsics `json:"k"`
	D         rig.Distortion `json:"distortion"`
	Intrinsic string         `json:"intrinsics_from"`
}

func setupExtrinsics(fs *flag.FlagSet) func(*env) error {
	bf := registerBoard(fs)
	images := fs.String("images", "", "folder of camera sub-folders; same file stem = same view (required)")
	floor := fs.String("floor", "floor", "view (file stem) with the board on the floor at the booth centre; defines the world frame")
	intr := fs.String("intrinsics", "", "rig file with each camera's intrinsics (from calib intrinsics); default: calibrate them from these images")
	refine := fs.Bool("refine-intrinsics", false, "also adjust intrinsics in the bundle adjustment")
	out := fs.String("out", "calib-out", "output folder: rig.yaml, opencv/, colmap/, session.json")
	booth := fs.String("booth", "booth", "booth ID written in the rig file")
	return func(e *env) error {
		if *images == "" {
			return fmt.Errorf("--images is required: %w", ErrUsage)
		}
		board, err := bf.board()
		if err != nil {
			return err
		}
		if (board.Cols+board.Rows)%2 == 0 {
			return fmt.Errorf("a %dx%d board looks the same turned by 180°, so cameras cannot agree on its corners; use one with cols+rows odd (e.g. 9x6): %w", board.Cols, board.Rows, ErrUsage)
		}
		cams, err := scanRig(*images)
		if err != nil {
			return err
		}
		if len(cams) < 2 {
			return fmt.Errorf("image folder %s holds %d camera folder(s); a rig needs 2 or more: %w", *images, len(cams), ErrLayout)
		}
		ds := detectAll(e, cams, bf.detector())
		if err := requireBoards(ds, bf.cols, bf.rows); err != nil {
			return err
		}
		base, from, err := extrinsicsIntrinsics(e, ds, board, *intr)
		if err != nil {
			return err
		}
		in, views, err := buildRigInput(ds, base, board, *floor)
		if err != nil {
			return err
		}
		in.RefineIntrinsics = *refine
		e.log.Info("solving", zap.Int("cameras", len(base)), zap.Int("views", len(views)), zap.Int("observations", len(in.Obs)))
		bar := newProgress(e.stderr, "bundle adjustment (iterations)", 100)
		last := 0
		res, err := solve.CalibrateRig(in, solve.Options{Progress: func(it, _ int, _ float64) {
			if it > last {
				bar.Add(it - last)
				last = it
			}
		}})
		bar.Finish()
		if err != nil {
			return err
		}
		r := &rig.Rig{BoothID: *booth, Cameras: res.Cameras}
		s := extrinsicsSession(in, res, ds, views, *floor)
		paths, err := writeOutputs(*out, r, s)
		if err != nil {
			return err
		}
		var js []extrinsicsCameraJSON
		for i, c := range res.Cameras {
			n := 0
			for _, k := range res.Used {
				if in.Obs[k].Camera == i {
					n++
				}
			}
			js = append(js, extrinsicsCameraJSON{ID: c.ID, RMS: jsonRMS(res.CameraRMS[i]), Views: n, Centre: c.Center(), Rotation: c.Pose.R, K: c.K, D: c.D, Intrinsic: from})
		}
		if e.json {
			return e.printJSON(map[string]any{"ok": true, "rms_px": res.RMS, "cameras": js, "dropped": len(res.Dropped), "files": paths})
		}
		fmt.Fprintf(e.stdout, "rig of %d cameras, %d views: RMS %.3f px (%d observations dropped)\n", len(js), len(views), res.RMS, len(res.Dropped))
		for _, c := range js {
			fmt.Fprintf(e.stdout, "camera %d: RMS %.3f px over %d views, centre (%.4f, %.4f, %.4f)\n", c.ID, c.RMS, c.Views, c.Centre[0], c.Centre[1], c.Centre[2])
		}
		for _, d := range res.Dropped {
			o := in.Obs[d.Obs]
			fmt.Fprintf(e.stdout, "  dropped camera %d view %s: %s\n", base[o.Camera].ID, views[o.View], d.Reason)
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", *out)
		return nil
	}
}

// extrinsicsIntrinsics returns each camera's intrinsics: from the rig file
// when given, else calibrated from the camera's own detections.
func extrinsicsIntrinsics(e *env, ds []detected, board solve.Board, path string) ([]rig.Camera, string, error) {
	out := make([]rig.Camera, len(ds))
	if path != "" {
		r, err := rig.Load(path)
		if err != nil {
			return nil, "", err
		}
		var errs []error
		for i, d := range ds {
			c, ok := r.Camera(d.cam.ID)
			if !ok {
				errs = append(errs, fmt.Errorf("camera %d (%s): not in intrinsics file %s: %w", d.cam.ID, d.cam.Dir, path, ErrLayout))
				continue
			}
			if w, h := d.dets[0].Width, d.dets[0].Height; w != c.Width || h != c.Height {
				errs = append(errs, fmt.Errorf("camera %d: images are %dx%d but %s says %dx%d: %w", d.cam.ID, w, h, path, c.Width, c.Height, ErrLayout))
				continue
			}
			out[i] = *c
			out[i].Name = d.cam.Name
		}
		return out, path, errors.Join(errs...)
	}
	var errs []error
	for i, d := range ds {
		res, err := detect.CalibrateIntrinsics(d.dets, detect.IntrinsicsOptions{Board: board})
		if err != nil {
			errs = append(errs, fmt.Errorf("camera %d (%s): intrinsics from its %d board views: %w; or pass --intrinsics", d.cam.ID, d.cam.Dir, len(d.dets), err))
			continue
		}
		out[i] = res.Camera
		out[i].ID, out[i].Name = d.cam.ID, d.cam.Name
		e.log.Info("intrinsics from the extrinsic views", zap.Int("camera", d.cam.ID), zap.Float64("rms_px", res.RMS))
	}
	return out, "images", errors.Join(errs...)
}

// buildRigInput numbers the views by name and turns detections into
// observations.
func buildRigInput(ds []detected, cams []rig.Camera, board solve.Board, floor string) (solve.RigInput, []string, error) {
	seen := map[string]int{}
	var names []string
	for _, d := range ds {
		for _, det := range d.dets {
			seen[viewName(det.File)] = 0
		}
	}
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		seen[n] = i
	}
	fv, ok := seen[floor]
	if !ok {
		return solve.RigInput{}, nil, fmt.Errorf("floor view %q: no camera found the board in an image named %s.*; lay the board flat at the booth centre, capture it from every camera, or name the floor view with --floor: %w", floor, floor, solve.ErrNoFloor)
	}
	in := solve.RigInput{Board: board, Cameras: cams, NumViews: len(names), FloorView: fv}
	for ci, d := range ds {
		for _, det := range d.dets {
			if det.Width != cams[ci].Width || det.Height != cams[ci].Height {
				return in, nil, fmt.Errorf("image %s is %dx%d, camera %d is %dx%d: %w", det.File, det.Width, det.Height, cams[ci].ID, cams[ci].Width, cams[ci].Height, detect.ErrSizeMismatch)
			}
			in.Obs = append(in.Obs, solve.Observation{Camera: ci, View: seen[viewName(det.File)], Pixels: det.Corners})
		}
	}
	return in, names, nil
}

// extrinsicsSession records every observation with its residuals.
func extrinsicsSession(in solve.RigInput, res *solve.RigResult, ds []detected, views []string, floor string) *report.Session {
	s := &report.Session{Version: report.SessionVersion, Kind: report.KindExtrinsics, FloorView: floor, RMS: res.RMS,
		Board: report.Board{Cols: in.Board.Cols, Rows: in.Board.Rows, Square: in.Board.Square}}
	for i, c := range res.Cameras {
		s.Cameras = append(s.Cameras, report.Camera{ID: c.ID, Name: c.Name, Width: c.Width, Height: c.Height, RMS: jsonRMS(res.CameraRMS[i])})
		s.Failures = append(s.Failures, ds[i].failures...)
	}
	files := map[[2]int]string{}
	for ci, d := range ds {
		for _, det := range d.dets {
			files[[2]int{ci, indexOf(views, viewName(det.File))}] = det.File
		}
	}
	rejected := map[int]string{}
	for _, d := range res.Dropped {
		rejected[d.Obs] = d.Reason
	}
	for k, o := range in.Obs {
		cam := &res.Cameras[o.Camera]
		ob := report.Observation{Camera: cam.ID, View: views[o.View], File: files[[2]int{o.Camera, o.View}], Corners: o.Pixels, Rejected: rejected[k]}
		if ob.Rejected == "" {
			ob.Residuals = solve.Residuals(cam, in.Board, res.Views[o.View], o.Pixels)
			ss := 0.0
			for _, r := range ob.Residuals {
				ss += r[0]*r[0] + r[1]*r[1]
			}
			ob.RMS = math.Sqrt(ss / float64(len(ob.Residuals)))
		}
		s.Observations = append(s.Observations, ob)
	}
	return s
}

func indexOf(v []string, s string) int {
	for i, x := range v {
		if x == s {
			return i
		}
	}
	return -1
}
