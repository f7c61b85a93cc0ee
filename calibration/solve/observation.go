package solve

import (
	"fmt"

	"cloudme.dev/calibration/rig"
)

// Observation is one camera's detection of the board in one view (one
// instant, one board placement): a pixel for every board corner, in board
// order. Camera and View index the caller's camera and view lists.
type Observation struct {
	Camera int
	View   int
	Pixels [][2]float64
}

// checkObservations validates indices, sizes and values.
func checkObservations(obs []Observation, cams []rig.Camera, nViews int, b Board) error {
	for i, o := range obs {
		if o.Camera < 0 || o.Camera >= len(cams) {
			return fmt.Errorf("observation %d: camera index %d out of range: %w", i, o.Camera, ErrInput)
		}
		if o.View < 0 || o.View >= nViews {
			return fmt.Errorf("observation %d (camera %d): view index %d out of range: %w", i, cams[o.Camera].ID, o.View, ErrInput)
		}
		if len(o.Pixels) != b.N() {
			return fmt.Errorf("camera %d, view %d: %d corners, board has %d: %w", cams[o.Camera].ID, o.View, len(o.Pixels), b.N(), ErrInput)
		}
		for _, p := range o.Pixels {
			if !finite(p[0]) || !finite(p[1]) {
				return fmt.Errorf("camera %d, view %d: corner %v is not finite: %w", cams[o.Camera].ID, o.View, p, ErrInput)
			}
		}
	}
	return nil
}

// Residuals returns, for one observation, the reprojection error vector of
// every corner (projected minus detected, pixels) given the camera and the
// view's board-to-world pose.
func Residuals(cam *rig.Camera, b Board, boardToWorld rig.Pose, px [][2]float64) [][2]float64 {
	out := make([][2]float64, len(px))
	for i, o := range b.Points() {
		if i >= len(px) {
			break
		}
		q, _ := cam.Project(boardToWorld.Apply(o))
		out[i] = [2]float64{q[0] - px[i][0], q[1] - px[i][1]}
	}
	return out
}
