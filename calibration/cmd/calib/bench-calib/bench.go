package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/detect"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

// sizes is the synthetic booth of the bundle adjustment cases.
type sizes struct{ cameras, views int }

func run(w io.Writer, log *zap.Logger, images string, reps int, sz sizes) error {
	if reps < 1 {
		reps = 1
	}
	enc := json.NewEncoder(w)
	line, err := benchIntrinsics(images, reps)
	if err != nil {
		return err
	}
	if err := enc.Encode(line); err != nil {
		return err
	}
	log.Info("intrinsics measured", zap.Any("result", line))
	for _, refine := range []bool{false, true} {
		line, err := benchBundle(sz.cameras, sz.views, refine, reps)
		if err != nil {
			return err
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
		log.Info("bundle adjustment measured", zap.Any("result", line))
	}
	return nil
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// benchIntrinsics times detection (with sub-pixel refinement) and
// calibrateCamera on the real images.
func benchIntrinsics(dir string, reps int) (map[string]any, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jpg"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no .jpg images in %s", dir)
	}
	d := detect.Detector{Cols: 9, Rows: 6}
	var tDet, tCal, tAll []float64
	var res *detect.IntrinsicsResult
	for r := 0; r < reps; r++ {
		start := time.Now()
		var dets []*detect.Detection
		for _, f := range files {
			det, err := d.DetectFile(f)
			if err != nil {
				return nil, err
			}
			dets = append(dets, det)
		}
		mid := time.Now()
		res, err = detect.CalibrateIntrinsics(dets, detect.IntrinsicsOptions{Board: solve.Board{Cols: 9, Rows: 6, Square: 1}})
		if err != nil {
			return nil, err
		}
		end := time.Now()
		tDet = append(tDet, mid.Sub(start).Seconds())
		tCal = append(tCal, end.Sub(mid).Seconds())
		tAll = append(tAll, end.Sub(start).Seconds())
	}
	return map[string]any{
		"bench": "intrinsics_real", "images": len(files), "board": "9x6", "reps": reps, "cpus": runtime.GOMAXPROCS(0),
		"seconds": median(tAll), "detect_seconds": median(tDet), "calibrate_seconds": median(tCal),
		"rms_px": res.RMS, "opencv_reference_rms_px": 0.196334638034,
		"fx_px": res.Camera.K.Fx, "fy_px": res.Camera.K.Fy, "cx_px": res.Camera.K.Cx, "cy_px": res.Camera.K.Cy,
	}, nil
}

// benchBundle times the extrinsic pipeline on a synthetic booth with 0.2 px
// corner noise (views shared board placements plus the floor view, and
// with refine also close-ups per camera): the pose graph initialisation, then the joint bundle
// adjustment alone, and the whole CalibrateRig (two adjustments with
// outlier rejection), with the accuracy against the truth.
func benchBundle(cameras, views int, refine bool, reps int) (map[string]any, error) {
	closeUps := 0
	if refine {
		// Refining intrinsics needs the views a technician takes for them:
		// the board close to each camera, over its whole image.
		closeUps = 8
	}
	s, err := solve.Synthetic(solve.SynthParams{Cameras: cameras, Views: views, Noise: 0.2, Seed: 42, CloseUps: closeUps})
	if err != nil {
		return nil, err
	}
	cams := append([]rig.Camera(nil), s.Cameras...)
	for i := range cams {
		cams[i].Pose = rig.Pose{}
		if refine {
			cams[i].K.Fx *= 1.01
			cams[i].K.Fy *= 0.99
			cams[i].K.Cx += 5
			cams[i].D = rig.Distortion{}
		}
	}
	in := solve.RigInput{Board: s.Board, Cameras: cams, NumViews: len(s.Views), Obs: s.Obs, RefineIntrinsics: refine}
	var tBA, tAll []float64
	var res *solve.RigResult
	var ba *solve.BundleResult
	for r := 0; r < reps; r++ {
		start := time.Now()
		res, err = solve.CalibrateRig(in, solve.Options{})
		if err != nil {
			return nil, err
		}
		tAll = append(tAll, time.Since(start).Seconds())
		// The adjustment alone, from the pose graph's starting point.
		init, err := poseGraphStart(in)
		if err != nil {
			return nil, err
		}
		start = time.Now()
		ba, err = solve.Adjust(init, solve.Options{})
		if err != nil {
			return nil, err
		}
		tBA = append(tBA, time.Since(start).Seconds())
	}
	var maxC, maxR, maxF float64
	for i, c := range res.Cameras {
		t := s.Cameras[i]
		cc, tc := c.Center(), t.Center()
		maxC = math.Max(maxC, math.Sqrt((cc[0]-tc[0])*(cc[0]-tc[0])+(cc[1]-tc[1])*(cc[1]-tc[1])+(cc[2]-tc[2])*(cc[2]-tc[2])))
		maxR = math.Max(maxR, solve.RotationAngle(c.Pose.R, t.Pose.R)*180/math.Pi)
		maxF = math.Max(maxF, math.Max(math.Abs(c.K.Fx/t.K.Fx-1), math.Abs(c.K.Fy/t.K.Fy-1)))
	}
	return map[string]any{
		"bench": "bundle_adjustment", "cameras": cameras, "board_poses": len(s.Views), "observations": len(in.Obs), "close_ups_per_camera": closeUps, "corner_noise_px": 0.2,
		"refine_intrinsics": refine, "reps": reps, "cpus": runtime.GOMAXPROCS(0),
		"bundle_seconds": median(tBA), "bundle_iterations": ba.Iterations, "bundle_rms_px": ba.RMS,
		"pipeline_seconds": median(tAll), "rms_px": res.RMS,
		"max_centre_error_mm": maxC * 1000, "max_rotation_error_deg": maxR, "max_focal_error_pct": maxF * 100,
	}, nil
}

// poseGraphStart builds the bundle adjustment input CalibrateRig starts
// from: planar PnP per observation and the pose graph.
func poseGraphStart(in solve.RigInput) (solve.BundleInput, error) {
	var edges []solve.Edge
	for _, o := range in.Obs {
		p, rms, err := solve.PlanarPose(&in.Cameras[o.Camera], in.Board, o.Pixels)
		if err != nil {
			return solve.BundleInput{}, err
		}
		edges = append(edges, solve.Edge{Camera: o.Camera, View: o.View, BoardToCam: p, RMS: rms})
	}
	poses, views, _, err := solve.PoseGraph(in.Board, in.Cameras, in.NumViews, in.FloorView, edges)
	if err != nil {
		return solve.BundleInput{}, err
	}
	cams := append([]rig.Camera(nil), in.Cameras...)
	for i := range cams {
		cams[i].Pose = poses[i]
	}
	return solve.BundleInput{Board: in.Board, Cameras: cams, Views: views, Obs: in.Obs, FloorView: in.FloorView, RefineIntrinsics: in.RefineIntrinsics}, nil
}
