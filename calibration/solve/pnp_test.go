package solve

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"cloudme.dev/calibration/rig"
)

func testCamera() rig.Camera {
	return rig.Camera{ID: 0, Width: 1920, Height: 1080,
		K:    rig.Intrinsics{Fx: 1000, Fy: 1002, Cx: 955, Cy: 545},
		D:    rig.Distortion{K1: -0.12, K2: 0.05, P1: 0.001, P2: -0.0005, K3: -0.01},
		Pose: rig.Pose{R: Mat3{1, 0, 0, 0, 1, 0, 0, 0, 1}}}
}

func projectBoard(cam *rig.Camera, b Board, boardToCam rig.Pose, noise float64, rng *rand.Rand) [][2]float64 {
	var px [][2]float64
	for _, o := range b.Points() {
		q := cam.ProjectCam(boardToCam.Apply(o))
		if noise > 0 {
			q[0] += noise * rng.NormFloat64()
			q[1] += noise * rng.NormFloat64()
		}
		px = append(px, q)
	}
	return px
}

func TestPlanarPose(t *testing.T) {
	t.Parallel()
	cam := testCamera()
	b := Board{Cols: 9, Rows: 6, Square: 0.06}
	rng := rand.New(rand.NewPCG(21, 22))
	tests := []struct {
		name   string
		rot    Vec3
		t      Vec3
		noise  float64
		maxRot float64 // degrees
		maxT   float64 // metres
	}{
		{"frontal", Vec3{0, 0, 0}, Vec3{-0.2, -0.1, 1.5}, 0, 1e-6, 1e-8},
		{"oblique", Vec3{0.6, -0.5, 0.2}, Vec3{-0.3, 0.1, 2}, 0, 1e-6, 1e-8},
		{"upside-down", Vec3{0, 0, math.Pi - 0.1}, Vec3{0.2, 0.1, 1.2}, 0, 1e-6, 1e-8},
		{"noisy", Vec3{-0.4, 0.7, 0.1}, Vec3{0, 0, 1.8}, 0.2, 0.2, 0.005},
	}
	for _, tc := range tests {
		want := rig.Pose{R: Rodrigues(tc.rot), T: tc.t}
		px := projectBoard(&cam, b, want, tc.noise, rng)
		got, rms, err := PlanarPose(&cam, b, px)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if a := RotationAngle(got.R, want.R) * 180 / math.Pi; a > tc.maxRot {
			t.Errorf("%s: rotation off by %g°", tc.name, a)
		}
		if d := norm3(sub3(got.T, want.T)); d > tc.maxT {
			t.Errorf("%s: translation off by %g", tc.name, d)
		}
		if rms > tc.noise*1.5+1e-6 {
			t.Errorf("%s: rms %g", tc.name, rms)
		}
	}
}

func TestPlanarPoseErrors(t *testing.T) {
	t.Parallel()
	cam := testCamera()
	b := Board{Cols: 3, Rows: 2, Square: 1}
	same := make([][2]float64, 6)
	line := [][2]float64{{955, 545}, {965, 555}, {975, 565}, {985, 575}, {995, 585}, {1005, 595}} // through the principal point: a line after undistortion too
	for _, px := range [][][2]float64{same, line, same[:3]} {
		if _, _, err := PlanarPose(&cam, b, px); !errors.Is(err, ErrDegenerate) && !errors.Is(err, ErrInput) {
			t.Errorf("%v: err = %v", px, err)
		}
	}
}
