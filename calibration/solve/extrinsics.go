package solve

import (
	"fmt"
	"math"
	"sort"

	"cloudme.dev/calibration/rig"
)

// RigInput is everything the extrinsic calibration needs: the board, the
// cameras with their intrinsics (poses are ignored), the detections and the
// view that shows the board on the floor.
type RigInput struct {
	Board     Board
	Cameras   []rig.Camera
	NumViews  int
	Obs       []Observation
	FloorView int
	// RefineIntrinsics adjusts intrinsics too, and then also uses views
	// seen by a single camera (they constrain its intrinsics).
	RefineIntrinsics bool
	// OutlierPx: an observation whose RMS after the first adjustment
	// exceeds max(OutlierPx, 4 × median) is dropped and the adjustment
	// rerun. 0 means 1 px.
	OutlierPx float64
}

// Dropped is an observation left out of the solution, with the reason.
type Dropped struct {
	Obs    int // index into RigInput.Obs
	Reason string
}

// RigResult is the calibrated rig.
type RigResult struct {
	*BundleResult
	Used    []int // indices into RigInput.Obs of the observations adjusted (parallel to ObsRMS)
	Dropped []Dropped
}

// CalibrateRig solves for every camera pose in the floor view's world
// frame: planar PnP per observation, the pose graph, then the joint bundle
// adjustment (with a robust loss), one round of outlier rejection, and a
// final plain least-squares adjustment.
func CalibrateRig(in RigInput, opt Options) (*RigResult, error) {
	if err := in.Board.Validate(); err != nil {
		return nil, err
	}
	if err := checkObservations(in.Obs, in.Cameras, in.NumViews, in.Board); err != nil {
		return nil, err
	}
	if in.FloorView < 0 || in.FloorView >= in.NumViews {
		return nil, fmt.Errorf("floor view %d of %d views: %w", in.FloorView, in.NumViews, ErrNoFloor)
	}
	if in.OutlierPx <= 0 {
		in.OutlierPx = 1
	}
	res := &RigResult{}
	perView := make([]int, in.NumViews)
	for _, o := range in.Obs {
		perView[o.View]++
	}
	if perView[in.FloorView] == 0 {
		return nil, fmt.Errorf("floor view %d: no camera found the board in it: %w", in.FloorView, ErrNoFloor)
	}
	var edges []Edge
	var used []int
	for i, o := range in.Obs {
		pose, rms, err := PlanarPose(&in.Cameras[o.Camera], in.Board, o.Pixels)
		if err != nil {
			res.Dropped = append(res.Dropped, Dropped{i, "board pose: " + err.Error()})
			continue
		}
		edges = append(edges, Edge{Camera: o.Camera, View: o.View, BoardToCam: pose, RMS: rms})
		used = append(used, i)
	}
	camPoses, views, placed, err := PoseGraph(in.Board, in.Cameras, in.NumViews, in.FloorView, edges)
	if err != nil {
		return nil, err
	}
	cams := append([]rig.Camera(nil), in.Cameras...)
	for i := range cams {
		cams[i].Pose = camPoses[i]
	}
	var kept []int
	for _, i := range used {
		o := in.Obs[i]
		if perView[o.View] < 2 && o.View != in.FloorView && !in.RefineIntrinsics {
			res.Dropped = append(res.Dropped, Dropped{i, "view seen by this camera only"})
			continue
		}
		if !placed[o.View] {
			res.Dropped = append(res.Dropped, Dropped{i, "view not linked to the floor view through any placed camera"})
			continue
		}
		kept = append(kept, i)
	}
	ba := BundleInput{Board: in.Board, Cameras: cams, Views: views, FloorView: in.FloorView,
		RefineIntrinsics: in.RefineIntrinsics, Huber: in.OutlierPx}
	ba.Obs = pick(in.Obs, kept)
	first, err := Adjust(ba, opt)
	if err != nil {
		return nil, err
	}
	limit := math.Max(in.OutlierPx, 4*median(first.ObsRMS))
	var final []int
	for k, i := range kept {
		if first.ObsRMS[k] > limit && in.Obs[i].View != in.FloorView {
			res.Dropped = append(res.Dropped, Dropped{i, fmt.Sprintf("reprojection RMS %.2f px exceeds %.2f px", first.ObsRMS[k], limit)})
			continue
		}
		final = append(final, i)
	}
	ba.Cameras, ba.Views, ba.Huber = first.Cameras, first.Views, 0
	ba.Obs = pick(in.Obs, final)
	second, err := Adjust(ba, opt)
	if err != nil {
		return nil, err
	}
	res.BundleResult, res.Used = second, final
	sort.Slice(res.Dropped, func(a, b int) bool { return res.Dropped[a].Obs < res.Dropped[b].Obs })
	return res, nil
}

func pick(obs []Observation, idx []int) []Observation {
	out := make([]Observation, len(idx))
	for k, i := range idx {
		out[k] = obs[i]
	}
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
