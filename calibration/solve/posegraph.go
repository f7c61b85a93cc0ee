package solve

import (
	"errors"
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
)

// Edge is one observation turned into a relative pose: the board-to-camera
// transform of a view in a camera, with the planar PnP's RMS error.
type Edge struct {
	Camera, View int
	BoardToCam   rig.Pose
	RMS          float64
}

// PoseGraph places every camera and view in the world frame defined by the
// floor view, from the pairwise board-to-camera poses. It grows outward from
// the floor view breadth first: a camera's world pose is the weighted
// chordal mean of the estimates through every already placed view it sees,
// and a view's pose likewise through every placed camera. Cameras that no
// chain of shared views reaches come back as errors naming them (wrapping
// ErrDisconnected); views seen only by such cameras are left unplaced
// (placed[v] false).
func PoseGraph(b Board, cams []rig.Camera, nViews, floorView int, edges []Edge) (camPoses []rig.Pose, views []rig.Pose, placed []bool, err error) {
	if floorView < 0 || floorView >= nViews {
		return nil, nil, nil, fmt.Errorf("pose graph: floor view %d of %d: %w", floorView, nViews, ErrNoFloor)
	}
	camPoses = make([]rig.Pose, len(cams))
	camDone := make([]bool, len(cams))
	views = make([]rig.Pose, nViews)
	placed = make([]bool, nViews)
	views[floorView] = b.FloorPose()
	placed[floorView] = true
	byCam := make([][]Edge, len(cams))
	byView := make([][]Edge, nViews)
	for _, e := range edges {
		byCam[e.Camera] = append(byCam[e.Camera], e)
		byView[e.View] = append(byView[e.View], e)
	}
	weight := func(e Edge) float64 { return 1 / (0.05 + e.RMS) }
	for progress := true; progress; {
		progress = false
		// Cameras from placed views: T_cw = T_cb * T_bw.
		var newCams []int
		for c := range cams {
			if camDone[c] {
				continue
			}
			var ps []rig.Pose
			var ws []float64
			for _, e := range byCam[c] {
				if placed[e.View] {
					ps = append(ps, Compose(e.BoardToCam, views[e.View].Inverse()))
					ws = append(ws, weight(e))
				}
			}
			if len(ps) > 0 {
				camPoses[c] = robustAverage(ps, ws)
				newCams = append(newCams, c)
			}
		}
		for _, c := range newCams {
			camDone[c] = true
			progress = true
		}
		// Views from placed cameras: T_wb = T_wc * T_cb.
		for v := range views {
			if placed[v] {
				continue
			}
			var ps []rig.Pose
			var ws []float64
			for _, e := range byView[v] {
				if camDone[e.Camera] {
					ps = append(ps, Compose(camPoses[e.Camera].Inverse(), e.BoardToCam))
					ws = append(ws, weight(e))
				}
			}
			if len(ps) > 0 {
				views[v] = robustAverage(ps, ws)
				placed[v] = true
				progress = true
			}
		}
	}
	var errs []error
	for c := range cams {
		if !camDone[c] {
			errs = append(errs, fmt.Errorf("camera %d: %s: %w", cams[c].ID, disconnectReason(byCam[c], byView), ErrDisconnected))
		}
	}
	return camPoses, views, placed, errors.Join(errs...)
}

// disconnectReason says why a camera could not be placed.
func disconnectReason(own []Edge, byView [][]Edge) string {
	if len(own) == 0 {
		return "the board was not found in any of its images"
	}
	shared := 0
	for _, e := range own {
		if len(byView[e.View]) > 1 {
			shared++
		}
	}
	if shared == 0 {
		return fmt.Sprintf("none of its %d board views is seen by another camera; take views where it and a neighbour both see the board", len(own))
	}
	return fmt.Sprintf("its %d shared views link only to cameras that are themselves not linked to the floor view; add views shared with a placed neighbour", shared)
}

// robustAverage averages poses after dropping those far from the first
// pass mean (a flipped or mis-detected board), then averages again.
func robustAverage(ps []rig.Pose, ws []float64) rig.Pose {
	m := averagePoses(ps, ws)
	if len(ps) < 3 {
		return m
	}
	var keep []rig.Pose
	var kw []float64
	scale := 0.0
	for _, p := range ps {
		scale = math.Max(scale, norm3(p.T))
	}
	for i, p := range ps {
		if RotationAngle(p.R, m.R) < 10*math.Pi/180 && norm3(sub3(p.T, m.T)) < 0.1*scale+1e-12 {
			keep = append(keep, p)
			kw = append(kw, ws[i])
		}
	}
	if len(keep) == 0 {
		return m
	}
	return averagePoses(keep, kw)
}
