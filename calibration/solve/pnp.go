package solve

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
)

// PlanarPose estimates the board-to-camera pose of a chessboard seen by a
// camera with known intrinsics (a planar PnP): a normalised DLT homography
// on undistorted coordinates, decomposed into a rotation and translation,
// then refined by Levenberg-Marquardt on the pixel reprojection error. px
// holds one pixel per board corner, in board order. It returns the pose and
// the RMS reprojection error in pixels.
func PlanarPose(cam *rig.Camera, b Board, px [][2]float64) (rig.Pose, float64, error) {
	if len(px) != b.N() {
		return rig.Pose{}, 0, fmt.Errorf("planar pose: %d pixels for %d corners: %w", len(px), b.N(), ErrInput)
	}
	obj := b.Points()
	norm := make([][2]float64, len(px))
	for i, p := range px {
		x, y := cam.Normalized(p)
		if !finite(x) || !finite(y) {
			return rig.Pose{}, 0, fmt.Errorf("planar pose: corner %d at %v cannot be undistorted: %w", i, p, ErrDegenerate)
		}
		norm[i] = [2]float64{x, y}
	}
	h, err := homography(obj, norm)
	if err != nil {
		return rig.Pose{}, 0, err
	}
	pose := decomposeHomography(h)
	x := make([]float64, 6)
	poseToVec(pose, x)
	prob := &Problem{
		A:      [][]float64{x},
		Blocks: []Block{{A: 0, B: -1, Dim: 2 * len(px)}},
		PlusA:  posePlus,
		Eval: func(_ int, a, _, r []float64) {
			p := poseFromVec(a)
			for i, o := range obj {
				q := cam.ProjectCam(p.Apply(o))
				r[2*i], r[2*i+1] = q[0]-px[i][0], q[1]-px[i][1]
			}
		},
	}
	res, err := Solve(prob, Options{MaxIterations: 50, Workers: 1})
	if err != nil {
		return rig.Pose{}, 0, fmt.Errorf("planar pose: %w", err)
	}
	pose = poseFromVec(x)
	if pose.T[2] <= 0 {
		return rig.Pose{}, 0, fmt.Errorf("planar pose: board behind the camera: %w", ErrDegenerate)
	}
	return pose, math.Sqrt(2 * res.FinalCost / float64(len(px))), nil
}

// homography returns H (row-major 3×3) with x ~ H [X Y 1] from board points
// (z = 0) to normalised image points, by the normalised DLT.
func homography(obj []Vec3, img [][2]float64) ([9]float64, error) {
	src := make([][2]float64, len(obj))
	for i, o := range obj {
		src[i] = [2]float64{o[0], o[1]}
	}
	ts, ok1 := normaliser(src)
	ti, ok2 := normaliser(img)
	if !ok1 || !ok2 || len(obj) < 4 {
		return [9]float64{}, fmt.Errorf("homography: points are coincident or too few: %w", ErrDegenerate)
	}
	ata := make([]float64, 81)
	row := make([]float64, 9)
	for i := range src {
		x, y := ts[0]*src[i][0]+ts[1], ts[0]*src[i][1]+ts[2]
		u, v := ti[0]*img[i][0]+ti[1], ti[0]*img[i][1]+ti[2]
		for _, r := range [2][9]float64{
			{-x, -y, -1, 0, 0, 0, u * x, u * y, u},
			{0, 0, 0, -x, -y, -1, v * x, v * y, v},
		} {
			copy(row, r[:])
			for a := 0; a < 9; a++ {
				for b := 0; b < 9; b++ {
					ata[a*9+b] += row[a] * row[b]
				}
			}
		}
	}
	vals, vecs := symEigen(ata, 9)
	if vals[1] <= 1e-12*math.Max(vals[8], 1e-300) {
		return [9]float64{}, fmt.Errorf("homography: points are collinear: %w", ErrDegenerate)
	}
	var hn Mat3
	for i := 0; i < 9; i++ {
		hn[i] = vecs[i*9]
	}
	// H = Ti^-1 Hn Ts.
	tsm := Mat3{ts[0], 0, ts[1], 0, ts[0], ts[2], 0, 0, 1}
	tiInv := Mat3{1 / ti[0], 0, -ti[1] / ti[0], 0, 1 / ti[0], -ti[2] / ti[0], 0, 0, 1}
	return mul3(tiInv, mul3(hn, tsm)), nil
}

// normaliser returns (s, tx, ty) moving points to zero mean and mean
// distance √2 from the origin.
func normaliser(p [][2]float64) ([3]float64, bool) {
	var mx, my float64
	for _, q := range p {
		mx, my = mx+q[0], my+q[1]
	}
	n := float64(len(p))
	mx, my = mx/n, my/n
	d := 0.0
	for _, q := range p {
		d += math.Hypot(q[0]-mx, q[1]-my)
	}
	d /= n
	if !(d > 0) {
		return [3]float64{}, false
	}
	// Collinear points: the 2×2 scatter matrix is (nearly) singular.
	var sxx, sxy, syy float64
	for _, q := range p {
		dx, dy := q[0]-mx, q[1]-my
		sxx, sxy, syy = sxx+dx*dx, sxy+dx*dy, syy+dy*dy
	}
	if sxx*syy-sxy*sxy <= 1e-6*(sxx+syy)*(sxx+syy) {
		return [3]float64{}, false
	}
	s := math.Sqrt2 / d
	return [3]float64{s, -s * mx, -s * my}, true
}

// decomposeHomography turns H = λ [r1 r2 t] into a pose with the board in
// front of the camera.
func decomposeHomography(h Mat3) rig.Pose {
	h1 := Vec3{h[0], h[3], h[6]}
	h2 := Vec3{h[1], h[4], h[7]}
	h3 := Vec3{h[2], h[5], h[8]}
	l := 2 / (norm3(h1) + norm3(h2))
	if h3[2]*l < 0 {
		l = -l
	}
	r1, r2 := scale3(h1, l), scale3(h2, l)
	r3 := cross3(r1, r2)
	m := Mat3{r1[0], r2[0], r3[0], r1[1], r2[1], r3[1], r1[2], r2[2], r3[2]}
	return rig.Pose{R: NearestRotation(m), T: scale3(h3, l)}
}
