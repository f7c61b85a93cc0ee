package detect

import (
	"fmt"
	"image"
	"math"

	"gocv.io/x/gocv"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

// IntrinsicsOptions tunes CalibrateIntrinsics.
type IntrinsicsOptions struct {
	Board solve.Board
	// A view is rejected as an outlier when its RMS exceeds both
	// OutlierFactor × the median view RMS (default 3) and MinOutlierPx
	// (default 0.5 px); the worst is dropped and the calibration rerun
	// until none is left.
	OutlierFactor float64
	MinOutlierPx  float64
	MinViews      int // fewest views to calibrate from; default 4
}

// ViewResult is one image's part in an intrinsic calibration.
type ViewResult struct {
	File     string
	RMS      float64  // reprojection RMS with the final intrinsics, px
	Pose     rig.Pose // board-to-camera
	Rejected string   // why the view was left out; empty when used
}

// IntrinsicsResult is a single camera's calibration.
type IntrinsicsResult struct {
	Camera rig.Camera // Width, Height, K, D; identity pose
	RMS    float64    // OpenCV's overall RMS over the used views, px
	Views  []ViewResult
}

// CalibrateIntrinsics runs OpenCV's calibrateCamera (pinhole, k1 k2 p1 p2
// k3) on the detections of one camera, rejecting outlier views with the
// reason, and reports per-view and overall RMS reprojection error.
func CalibrateIntrinsics(dets []*Detection, opt IntrinsicsOptions) (*IntrinsicsResult, error) {
	if err := opt.Board.Validate(); err != nil {
		return nil, err
	}
	if opt.OutlierFactor <= 0 {
		opt.OutlierFactor = 3
	}
	if opt.MinOutlierPx <= 0 {
		opt.MinOutlierPx = 0.5
	}
	if opt.MinViews <= 0 {
		opt.MinViews = 4
	}
	if len(dets) < opt.MinViews {
		return nil, fmt.Errorf("%d views with the board, need %d: %w", len(dets), opt.MinViews, ErrTooFewViews)
	}
	w, h := dets[0].Width, dets[0].Height
	for _, d := range dets {
		if d.Width != w || d.Height != h {
			return nil, fmt.Errorf("image %s is %dx%d, %s is %dx%d: %w", d.File, d.Width, d.Height, dets[0].File, w, h, ErrSizeMismatch)
		}
		if len(d.Corners) != opt.Board.N() {
			return nil, fmt.Errorf("image %s: %d corners for a %dx%d board: %w", d.File, len(d.Corners), opt.Board.Cols, opt.Board.Rows, ErrCalibration)
		}
	}
	res := &IntrinsicsResult{Views: make([]ViewResult, len(dets))}
	for i, d := range dets {
		res.Views[i].File = d.File
	}
	for {
		var used []*Detection
		var idx []int
		for i, d := range dets {
			if res.Views[i].Rejected == "" {
				used = append(used, d)
				idx = append(idx, i)
			}
		}
		cam, rms, err := calibrateCamera(used, opt.Board, w, h)
		if err != nil {
			return nil, err
		}
		res.Camera, res.RMS = cam, rms
		perView := make([]float64, len(used))
		for k, d := range used {
			pose, vr, err := solve.PlanarPose(&cam, opt.Board, d.Corners)
			if err != nil {
				return nil, fmt.Errorf("image %s: board pose: %w", d.File, err)
			}
			res.Views[idx[k]].RMS, res.Views[idx[k]].Pose = vr, pose
			perView[k] = vr
		}
		worst, reason := pickOutlier(perView, opt.OutlierFactor, opt.MinOutlierPx)
		if worst < 0 || len(used) <= opt.MinViews {
			break
		}
		res.Views[idx[worst]].Rejected = reason
	}
	return res, nil
}

// pickOutlier returns the index of the worst view when it is an outlier,
// with the reason, or -1.
func pickOutlier(rms []float64, factor, floor float64) (int, string) {
	med := solveMedian(rms)
	worst := -1
	for i, v := range rms {
		if worst < 0 || v > rms[worst] {
			worst = i
		}
	}
	if worst < 0 {
		return -1, ""
	}
	limit := math.Max(floor, factor*med)
	if rms[worst] <= limit {
		return -1, ""
	}
	return worst, fmt.Sprintf("reprojection RMS %.2f px is over %.2f px (%.0f× the median %.3f px): blurred, mis-detected or moved board", rms[worst], limit, factor, med)
}

func solveMedian(v []float64) float64 {
	s := append([]float64(nil), v...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// calibrateCamera wraps cv::calibrateCamera with default flags.
func calibrateCamera(dets []*Detection, b solve.Board, w, h int) (rig.Camera, float64, error) {
	obj := make([]gocv.Point3f, 0, b.N())
	for _, p := range b.Points() {
		obj = append(obj, gocv.Point3f{X: float32(p[0]), Y: float32(p[1]), Z: float32(p[2])})
	}
	objs := gocv.NewPoints3fVector()
	defer objs.Close()
	imgs := gocv.NewPoints2fVector()
	defer imgs.Close()
	for _, d := range dets {
		ov := gocv.NewPoint3fVectorFromPoints(obj)
		objs.Append(ov)
		ov.Close()
		pts := make([]gocv.Point2f, len(d.Corners))
		for i, c := range d.Corners {
			pts[i] = gocv.Point2f{X: float32(c[0]), Y: float32(c[1])}
		}
		iv := gocv.NewPoint2fVectorFromPoints(pts)
		imgs.Append(iv)
		iv.Close()
	}
	k, dist, rv, tv := gocv.NewMat(), gocv.NewMat(), gocv.NewMat(), gocv.NewMat()
	defer k.Close()
	defer dist.Close()
	defer rv.Close()
	defer tv.Close()
	rms := gocv.CalibrateCamera(objs, imgs, image.Pt(w, h), &k, &dist, &rv, &tv, 0)
	if k.Rows() != 3 || k.Cols() != 3 || dist.Total() < 5 || !finite(rms) {
		return rig.Camera{}, 0, fmt.Errorf("calibrateCamera returned K %dx%d, %d distortion terms, RMS %g: %w", k.Rows(), k.Cols(), dist.Total(), rms, ErrCalibration)
	}
	dv := make([]float64, 5)
	for i := range dv {
		if dist.Rows() == 1 {
			dv[i] = dist.GetDoubleAt(0, i)
		} else {
			dv[i] = dist.GetDoubleAt(i, 0)
		}
	}
	cam := rig.Camera{Width: w, Height: h,
		K:    rig.Intrinsics{Fx: k.GetDoubleAt(0, 0), Fy: k.GetDoubleAt(1, 1), Cx: k.GetDoubleAt(0, 2), Cy: k.GetDoubleAt(1, 2)},
		D:    rig.Distortion{K1: dv[0], K2: dv[1], P1: dv[2], P2: dv[3], K3: dv[4]},
		Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}},
	}
	if err := cam.Validate(); err != nil {
		return rig.Camera{}, 0, fmt.Errorf("calibrateCamera result: %w: %w", err, ErrCalibration)
	}
	return cam, rms, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
