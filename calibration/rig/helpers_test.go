package rig

import (
	"math"
	"math/rand/v2"
)

// Shared fixtures for the tests of this package.

// chessboardCamera is the OpenCV sample calibration of the left01..left14
// chessboard images (640x480), with a pose looking at the booth centre.
func chessboardCamera() Camera {
	return Camera{
		ID: 0, Name: "left", Width: 640, Height: 480,
		K:    Intrinsics{Fx: 532.80992189, Fy: 532.93346422, Cx: 342.4952186, Cy: 233.8879292},
		D:    Distortion{K1: -0.281325576, K2: 0.0291130406, P1: 0.0012123433, P2: -0.000140825372, K3: 0.154865844},
		Pose: mustLookAt([3]float64{0.3, 1.6, 2.5}, [3]float64{0, 1, 0}, [3]float64{0, 1, 0}),
	}
}

// wideCamera is a 1920x1080 camera with mild wide-angle distortion.
func wideCamera() Camera {
	return Camera{
		ID: 1, Name: "wide", Width: 1920, Height: 1080,
		K:    Intrinsics{Fx: 1050, Fy: 1048, Cx: 961.3, Cy: 538.2},
		D:    Distortion{K1: -0.12, K2: 0.04, P1: 0.0005, P2: -0.0003, K3: -0.006},
		Pose: mustLookAt([3]float64{-2, 2, 1.5}, [3]float64{0, 1, 0}, [3]float64{0, 1, 0}),
	}
}

func mustLookAt(eye, target, up [3]float64) Pose {
	p, err := LookAt(eye, target, up)
	if err != nil {
		panic(err)
	}
	return p
}

// testRig is a valid two-camera rig.
func testRig() *Rig {
	return &Rig{BoothID: "booth-a", Cameras: []Camera{chessboardCamera(), wideCamera()}}
}

// randomRotation returns a uniformly distributed rotation (unit quaternion).
func randomRotation(rng *rand.Rand) [9]float64 {
	var q [4]float64
	n := 0.0
	for n < 1e-6 {
		for i := range q {
			q[i] = rng.NormFloat64()
		}
		n = math.Sqrt(q[0]*q[0] + q[1]*q[1] + q[2]*q[2] + q[3]*q[3])
	}
	w, x, y, z := q[0]/n, q[1]/n, q[2]/n, q[3]/n
	return [9]float64{
		1 - 2*(y*y+z*z), 2 * (x*y - w*z), 2 * (x*z + w*y),
		2 * (x*y + w*z), 1 - 2*(x*x+z*z), 2 * (y*z - w*x),
		2 * (x*z - w*y), 2 * (y*z + w*x), 1 - 2*(x*x+y*y),
	}
}

func dist2(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func maxAbsDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}
