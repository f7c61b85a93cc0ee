package solve

import (
	"fmt"
	"math"
	"math/rand/v2"

	"cloudme.dev/calibration/rig"
)

// SynthParams describes a synthetic booth calibration: a ring of cameras
// around the booth centre and a board waved in front of them, observed with
// Gaussian corner noise. It is the yardstick of the solver tests and of
// bench-calib.
type SynthParams struct {
	Cameras int     // 2 or more
	Views   int     // board placements besides the floor view
	Noise   float64 // corner noise σ, pixels
	Seed    uint64
	Board   Board // zero: 9x6 inner corners, 0.08 m squares
	// CloseUps adds, per camera, views with the board held 0.8-1.4 m in
	// front of that camera, spread over its image (the views a technician
	// takes for intrinsics); other cameras may see them too.
	CloseUps int
}

// SynthScene is the ground truth and the observations of a synthetic booth.
// View 0 is the board on the floor.
type SynthScene struct {
	Board   Board
	Cameras []rig.Camera // true intrinsics and poses
	Views   []rig.Pose   // true board-to-world poses
	Obs     []Observation
}

// Synthetic builds a synthetic booth: cameras at 1920x1080 on a 2 m ring,
// heights alternating between 1.2 m and 2.1 m, looking at (0, 0.9, 0), each
// with its own focal length and distortion; board placements inside the
// booth facing random directions. A camera observes a placement when every
// corner lands inside its image and the board faces it within 65°.
func Synthetic(p SynthParams) (*SynthScene, error) {
	if p.Cameras < 2 || p.Views < 0 {
		return nil, fmt.Errorf("synthetic booth: %d cameras, %d views: %w", p.Cameras, p.Views, ErrInput)
	}
	b := p.Board
	if b == (Board{}) {
		b = Board{Cols: 9, Rows: 6, Square: 0.08}
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15))
	s := &SynthScene{Board: b}
	for i := 0; i < p.Cameras; i++ {
		a := 2 * math.Pi * float64(i) / float64(p.Cameras)
		h := 1.2
		if i%2 == 1 {
			h = 2.1
		}
		eye := Vec3{2 * math.Sin(a), h, 2 * math.Cos(a)}
		pose, err := rig.LookAt(eye, Vec3{0.05 * rng.NormFloat64(), 0.9, 0.05 * rng.NormFloat64()}, Vec3{0, 1, 0})
		if err != nil {
			return nil, err
		}
		f := 950 + 100*rng.Float64()
		s.Cameras = append(s.Cameras, rig.Camera{
			ID: i, Name: fmt.Sprintf("cam%02d", i), Width: 1920, Height: 1080,
			K:    rig.Intrinsics{Fx: f, Fy: f * (1 + 0.002*rng.NormFloat64()), Cx: 959.5 + 10*rng.NormFloat64(), Cy: 539.5 + 10*rng.NormFloat64()},
			D:    rig.Distortion{K1: -0.1 + 0.03*rng.NormFloat64(), K2: 0.05 + 0.01*rng.NormFloat64(), P1: 0.0005 * rng.NormFloat64(), P2: 0.0005 * rng.NormFloat64()},
			Pose: pose,
		})
	}
	s.Views = append(s.Views, b.FloorPose())
	for v := 0; v < p.Views; v++ {
		s.Views = append(s.Views, randomBoardPose(rng, b))
	}
	for c := range s.Cameras {
		for k := 0; k < p.CloseUps; k++ {
			s.Views = append(s.Views, closeUpPose(rng, &s.Cameras[c], b))
		}
	}
	for v, bw := range s.Views {
		for c := range s.Cameras {
			cam := &s.Cameras[c]
			px, ok := visible(cam, b, bw)
			if !ok {
				continue
			}
			for k := range px {
				px[k][0] += p.Noise * rng.NormFloat64()
				px[k][1] += p.Noise * rng.NormFloat64()
			}
			s.Obs = append(s.Obs, Observation{Camera: c, View: v, Pixels: px})
		}
	}
	return s, nil
}

// randomBoardPose holds the board upright-ish somewhere in the booth,
// printed face towards a random direction.
func randomBoardPose(rng *rand.Rand, b Board) rig.Pose {
	phi := 2 * math.Pi * rng.Float64()
	el := (rng.Float64()*2 - 1) * 30 * math.Pi / 180
	n := Vec3{math.Sin(phi) * math.Cos(el), math.Sin(el), math.Cos(phi) * math.Cos(el)}
	z := scale3(n, -1)
	down := sub3(scale3(z, dot3(Vec3{0, 1, 0}, z)), Vec3{0, 1, 0})
	y := scale3(down, 1/norm3(down))
	x := cross3(y, z)
	roll := Rodrigues(scale3(z, (rng.Float64()*2-1)*0.5))
	x, y = apply3(roll, x), apply3(roll, y)
	r := Mat3{x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]}
	centre := Vec3{rng.Float64() - 0.5, 0.5 + 1.1*rng.Float64(), rng.Float64() - 0.5}
	c := Vec3{float64(b.Cols-1) * b.Square / 2, float64(b.Rows-1) * b.Square / 2, 0}
	return rig.Pose{R: r, T: sub3(centre, apply3(r, c))}
}

// visible projects the board into the camera when it is fully inside the
// image (20 px margin) and faces the camera within 65°.
func visible(cam *rig.Camera, b Board, bw rig.Pose) ([][2]float64, bool) {
	front := apply3(bw.R, Vec3{0, 0, -1})
	c := Vec3{float64(b.Cols-1) * b.Square / 2, float64(b.Rows-1) * b.Square / 2, 0}
	toCam := sub3(cam.Center(), bw.Apply(c))
	if dot3(front, toCam)/norm3(toCam) < math.Cos(65*math.Pi/180) {
		return nil, false
	}
	var px [][2]float64
	for _, o := range b.Points() {
		q, depth := cam.Project(bw.Apply(o))
		if depth <= 0.1 || q[0] < 20 || q[1] < 20 || q[0] > float64(cam.Width)-21 || q[1] > float64(cam.Height)-21 {
			return nil, false
		}
		px = append(px, q)
	}
	return px, true
}

// closeUpPose places the board in front of a camera, its centre on a random
// pixel, tilted up to 35° about a random axis.
func closeUpPose(rng *rand.Rand, cam *rig.Camera, b Board) rig.Pose {
	for {
		px := [2]float64{float64(cam.Width) * (0.15 + 0.7*rng.Float64()), float64(cam.Height) * (0.15 + 0.7*rng.Float64())}
		x, y := cam.Normalized(px)
		d := 0.8 + 0.6*rng.Float64()
		centre := Vec3{x * d, y * d, d}
		axis := Vec3{rng.NormFloat64(), rng.NormFloat64(), 0}
		tilt := Rodrigues(scale3(axis, (35*math.Pi/180)*rng.Float64()/norm3(axis)))
		roll := Rodrigues(Vec3{0, 0, (rng.Float64()*2 - 1) * 0.4})
		r := mul3(tilt, roll)
		c := Vec3{float64(b.Cols-1) * b.Square / 2, float64(b.Rows-1) * b.Square / 2, 0}
		boardToCam := rig.Pose{R: r, T: sub3(centre, apply3(r, c))}
		bw := Compose(cam.Pose.Inverse(), boardToCam)
		if _, ok := visible(cam, b, bw); ok {
			return bw
		}
	}
}
