package solve

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
)

// BoardPose estimates a view's board-to-world pose from one or more cameras
// whose intrinsics and poses are known and held fixed: planar PnP in the
// first camera, then Levenberg-Marquardt on the reprojection error in all.
// It returns the pose and the RMS over all corners, in pixels.
func BoardPose(b Board, cams []*rig.Camera, px [][][2]float64) (rig.Pose, float64, error) {
	if len(cams) == 0 || len(cams) != len(px) {
		return rig.Pose{}, 0, fmt.Errorf("board pose: %d cameras, %d detections: %w", len(cams), len(px), ErrInput)
	}
	for i := range px {
		if len(px[i]) != b.N() {
			return rig.Pose{}, 0, fmt.Errorf("board pose: camera %d has %d corners, board %d: %w", cams[i].ID, len(px[i]), b.N(), ErrInput)
		}
	}
	b2c, _, err := PlanarPose(cams[0], b, px[0])
	if err != nil {
		return rig.Pose{}, 0, fmt.Errorf("board pose in camera %d: %w", cams[0].ID, err)
	}
	x := make([]float64, 6)
	poseToVec(Compose(cams[0].Pose.Inverse(), b2c), x)
	obj := b.Points()
	p := &Problem{A: [][]float64{x}, PlusA: posePlus}
	for range cams {
		p.Blocks = append(p.Blocks, Block{A: 0, B: -1, Dim: 2 * b.N()})
	}
	p.Eval = func(i int, a, _, r []float64) {
		pose := Compose(cams[i].Pose, poseFromVec(a))
		for j, o := range obj {
			pc := pose.Apply(o)
			if pc[2] <= 1e-9 {
				r[2*j], r[2*j+1] = 1e6, 1e6
				continue
			}
			q := cams[i].ProjectCam(pc)
			r[2*j], r[2*j+1] = q[0]-px[i][j][0], q[1]-px[i][j][1]
		}
	}
	res, err := Solve(p, Options{MaxIterations: 50, Workers: 1})
	if err != nil {
		return rig.Pose{}, 0, fmt.Errorf("board pose: %w", err)
	}
	return poseFromVec(x), math.Sqrt(2 * res.FinalCost / float64(len(cams)*b.N())), nil
}
