package solve

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
)

// camParams is the size of a camera block: pose (rotation vector,
// translation), fx, fy, cx, cy, k1, k2, p1, p2, k3.
const camParams = 15

// BundleInput is a joint bundle adjustment problem. Views[FloorView] is held
// fixed and so defines the world frame (and Board.Square its scale).
type BundleInput struct {
	Board            Board
	Cameras          []rig.Camera // intrinsics and initial poses
	Views            []rig.Pose   // initial board-to-world pose per view
	Obs              []Observation
	FloorView        int
	RefineIntrinsics bool    // also adjust fx, fy, cx, cy and distortion
	Huber            float64 // robust loss threshold in pixels; 0: none
}

// BundleResult is the adjusted rig with its residuals.
type BundleResult struct {
	Cameras    []rig.Camera
	Views      []rig.Pose
	ObsRMS     []float64 // RMS reprojection error of each observation, px
	CameraRMS  []float64 // per camera, px (NaN for a camera with no observation)
	RMS        float64   // over all corners, px
	Iterations int
}

// Adjust runs the joint bundle adjustment of all camera poses and board
// poses (and intrinsics when asked), minimising the pixel reprojection
// error of every corner with the block-sparse Levenberg-Marquardt solver.
func Adjust(in BundleInput, opt Options) (*BundleResult, error) {
	if err := in.Board.Validate(); err != nil {
		return nil, err
	}
	if in.FloorView < 0 || in.FloorView >= len(in.Views) {
		return nil, fmt.Errorf("bundle: floor view %d of %d views: %w", in.FloorView, len(in.Views), ErrNoFloor)
	}
	if err := checkObservations(in.Obs, in.Cameras, len(in.Views), in.Board); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	obj := in.Board.Points()
	p := &Problem{Huber: in.Huber}
	for _, c := range in.Cameras {
		x := make([]float64, camParams)
		poseToVec(c.Pose, x)
		copy(x[6:], []float64{c.K.Fx, c.K.Fy, c.K.Cx, c.K.Cy, c.D.K1, c.D.K2, c.D.P1, c.D.P2, c.D.K3})
		p.A = append(p.A, x)
		mask := make([]bool, camParams)
		for k := 6; k < camParams; k++ {
			mask[k] = !in.RefineIntrinsics
		}
		p.FixedA = append(p.FixedA, mask)
	}
	for _, v := range in.Views {
		x := make([]float64, 6)
		poseToVec(v, x)
		p.B = append(p.B, x)
	}
	p.FixedB = make([]bool, len(in.Views))
	p.FixedB[in.FloorView] = true
	for _, o := range in.Obs {
		p.Blocks = append(p.Blocks, Block{A: o.Camera, B: o.View, Dim: 2 * len(o.Pixels)})
	}
	p.PlusA = func(x, dx, out []float64) {
		posePlus(x, dx, out)
		for k := 6; k < len(x); k++ {
			out[k] = x[k] + dx[k]
		}
	}
	p.PlusB = posePlus
	p.Eval = func(i int, a, b, r []float64) {
		cam := cameraFromVec(a)
		bw := poseFromVec(b)
		pose := Compose(cam.Pose, bw)
		px := in.Obs[i].Pixels
		for j, o := range obj {
			pc := pose.Apply(o)
			if pc[2] <= 1e-9 {
				r[2*j], r[2*j+1] = 1e6, 1e6 // behind the camera: a huge, smooth-enough penalty
				continue
			}
			q := cam.ProjectCam(pc)
			r[2*j], r[2*j+1] = q[0]-px[j][0], q[1]-px[j][1]
		}
	}
	res, err := Solve(p, opt)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	out := &BundleResult{Iterations: res.Iterations}
	for i, x := range p.A {
		c := cameraFromVec(x)
		c.ID, c.Name, c.Width, c.Height = in.Cameras[i].ID, in.Cameras[i].Name, in.Cameras[i].Width, in.Cameras[i].Height
		out.Cameras = append(out.Cameras, c)
	}
	for _, x := range p.B {
		out.Views = append(out.Views, poseFromVec(x))
	}
	out.ObsRMS, out.CameraRMS, out.RMS = residualStats(out.Cameras, out.Views, in.Board, in.Obs)
	if !finite(out.RMS) {
		return nil, fmt.Errorf("bundle: final RMS %g: %w", out.RMS, ErrNotConverged)
	}
	return out, nil
}

// cameraFromVec rebuilds a camera (intrinsics and pose) from its block.
func cameraFromVec(x []float64) rig.Camera {
	return rig.Camera{
		Pose: poseFromVec(x),
		K:    rig.Intrinsics{Fx: x[6], Fy: x[7], Cx: x[8], Cy: x[9]},
		D:    rig.Distortion{K1: x[10], K2: x[11], P1: x[12], P2: x[13], K3: x[14]},
	}
}

// residualStats computes per-observation, per-camera and overall RMS.
func residualStats(cams []rig.Camera, views []rig.Pose, b Board, obs []Observation) (perObs, perCam []float64, all float64) {
	sum := make([]float64, len(cams))
	cnt := make([]int, len(cams))
	total, n := 0.0, 0
	for _, o := range obs {
		s := 0.0
		for _, r := range Residuals(&cams[o.Camera], b, views[o.View], o.Pixels) {
			s += r[0]*r[0] + r[1]*r[1]
		}
		perObs = append(perObs, math.Sqrt(s/float64(len(o.Pixels))))
		sum[o.Camera] += s
		cnt[o.Camera] += len(o.Pixels)
		total += s
		n += len(o.Pixels)
	}
	perCam = make([]float64, len(cams))
	for i := range cams {
		perCam[i] = math.NaN()
		if cnt[i] > 0 {
			perCam[i] = math.Sqrt(sum[i] / float64(cnt[i]))
		}
	}
	all = math.NaN()
	if n > 0 {
		all = math.Sqrt(total / float64(n))
	}
	return perObs, perCam, all
}
