package calibcli

import (
	"errors"
	"flag"
	"fmt"
	"math"

	"go.uber.org/zap"

	"cloudme.dev/calibration/detect"
	"cloudme.dev/calibration/report"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

// intrinsicsCameraJSON is one camera in calib intrinsics --json.
type intrinsicsCameraJSON struct {
	ID       int              `json:"id"`
	Images   int              `json:"images"`
	Used     int              `json:"views_used"`
	RMS      float64          `json:"rms_px"`
	K        rig.Intrinsics   `json:"k"`
	D        rig.Distortion   `json:"distortion"`
	Views    []viewJSON       `json:"views"`
	Failures []report.Failure `json:"failures,omitempty"`
}

type viewJSON struct {
	File     string  `json:"file"`
	RMS      float64 `json:"rms_px"`
	Rejected string  `json:"rejected,omitempty"`
}

func setupIntrinsics(fs *flag.FlagSet) func(*env) error {
	bf := registerBoard(fs)
	images := fs.String("images", "", "folder of one camera's board images, or of camera sub-folders (required)")
	camID := fs.Int("camera", 0, "camera ID when --images holds one camera's images")
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
		cams, err := scanCameras(*images, *camID)
		if err != nil {
			return err
		}
		ds := detectAll(e, cams, bf.detector())
		if err := requireBoards(ds, bf.cols, bf.rows); err != nil {
			return err
		}
		r, s, js, err := calibrateIntrinsicsAll(e, ds, board, *booth)
		if err != nil {
			return err
		}
		paths, err := writeOutputs(*out, r, s)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(map[string]any{"ok": true, "cameras": js, "files": paths})
		}
		for _, c := range js {
			fmt.Fprintf(e.stdout, "camera %d: RMS %.3f px over %d of %d images; fx %.2f fy %.2f cx %.2f cy %.2f k1 %.4f k2 %.4f p1 %.5f p2 %.5f k3 %.4f\n",
				c.ID, c.RMS, c.Used, c.Images, c.K.Fx, c.K.Fy, c.K.Cx, c.K.Cy, c.D.K1, c.D.K2, c.D.P1, c.D.P2, c.D.K3)
			for _, v := range c.Views {
				if v.Rejected != "" {
					fmt.Fprintf(e.stdout, "  rejected %s: %s\n", v.File, v.Rejected)
				}
			}
			for _, f := range c.Failures {
				fmt.Fprintf(e.stdout, "  skipped %s: %s\n", f.File, f.Reason)
			}
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", *out)
		return nil
	}
}

// calibrateIntrinsicsAll calibrates every camera and builds the rig (with
// identity poses) and the session.
func calibrateIntrinsicsAll(e *env, ds []detected, board solve.Board, booth string) (*rig.Rig, *report.Session, []intrinsicsCameraJSON, error) {
	r := &rig.Rig{BoothID: booth}
	s := &report.Session{Version: report.SessionVersion, Kind: report.KindIntrinsics,
		Board: report.Board{Cols: board.Cols, Rows: board.Rows, Square: board.Square}}
	var js []intrinsicsCameraJSON
	var errs []error
	bar := newProgress(e.stderr, "calibrate cameras", len(ds))
	sumSq, n := 0.0, 0
	for _, d := range ds {
		res, err := detect.CalibrateIntrinsics(d.dets, detect.IntrinsicsOptions{Board: board})
		bar.Add(1)
		if err != nil {
			errs = append(errs, fmt.Errorf("camera %d (%s): %w", d.cam.ID, d.cam.Dir, err))
			continue
		}
		cam := res.Camera
		cam.ID, cam.Name = d.cam.ID, d.cam.Name
		r.Cameras = append(r.Cameras, cam)
		cj := intrinsicsCameraJSON{ID: cam.ID, Images: len(d.cam.Files), RMS: res.RMS, K: cam.K, D: cam.D, Failures: d.failures}
		s.Cameras = append(s.Cameras, report.Camera{ID: cam.ID, Name: cam.Name, Width: cam.Width, Height: cam.Height, RMS: res.RMS})
		for i, v := range res.Views {
			cj.Views = append(cj.Views, viewJSON{File: v.File, RMS: v.RMS, Rejected: v.Rejected})
			if v.Rejected == "" {
				cj.Used++
			}
			det := d.dets[i]
			o := report.Observation{Camera: cam.ID, View: viewName(v.File), File: v.File, Corners: det.Corners, RMS: v.RMS, Rejected: v.Rejected}
			o.Residuals = solve.Residuals(&rig.Camera{K: cam.K, D: cam.D, Pose: v.Pose}, board, rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}, det.Corners)
			if v.Rejected == "" {
				for _, q := range o.Residuals {
					sumSq += q[0]*q[0] + q[1]*q[1]
					n++
				}
			}
			s.Observations = append(s.Observations, o)
		}
		s.Failures = append(s.Failures, d.failures...)
		js = append(js, cj)
		e.log.Info("calibrated", zap.Int("camera", cam.ID), zap.Float64("rms_px", res.RMS), zap.Int("views", cj.Used))
	}
	bar.Finish()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, err
	}
	if n > 0 {
		s.RMS = math.Sqrt(sumSq / float64(n))
	}
	return r, s, js, nil
}
