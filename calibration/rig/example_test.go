package rig_test

import (
	"fmt"

	"cloudme.dev/calibration/rig"
)

func ExampleLookAt() {
	// A camera 2.5 m in front of the person, at eye height, aimed at the chest.
	pose, err := rig.LookAt([3]float64{0, 1.6, 2.5}, [3]float64{0, 1.2, 0}, [3]float64{0, 1, 0})
	if err != nil {
		panic(err)
	}
	cam := rig.Camera{ID: 0, Width: 1920, Height: 1080,
		K: rig.Intrinsics{Fx: 1400, Fy: 1400, Cx: 959.5, Cy: 539.5}, Pose: pose}
	px, depth := cam.Project([3]float64{0, 1.2, 0})
	fmt.Printf("chest at (%.1f, %.1f), %.3f m away\n", px[0], px[1], depth)
	head, _ := cam.Project([3]float64{0, 1.7, 0})
	fmt.Printf("head above it: %v\n", head[1] < px[1])
	// Output:
	// chest at (959.5, 539.5), 2.532 m away
	// head above it: true
}

func ExampleParse() {
	r, err := rig.Parse([]byte(`
version: 1
booth_id: booth-a
cameras:
  - id: 0
    name: north-high
    width: 1920
    height: 1080
    intrinsics: {fx: -5, fy: 1400, cx: 959.5, cy: 539.5}
    rotation: [1, 0, 0, 0, -1, 0, 0, 0, -1]
    translation: [0, 1.5, 3]
`))
	fmt.Println(r, err)
	// Output:
	// <nil> camera 0 (north-high): intrinsics.fx: must be > 0, got -5
}

func ExampleCamera_Ray() {
	cam := rig.Camera{Width: 640, Height: 480,
		K:    rig.Intrinsics{Fx: 532, Fy: 532, Cx: 319.5, Cy: 239.5},
		D:    rig.Distortion{K1: -0.28, K2: 0.03, P1: 0.0012, P2: -0.00014, K3: 0.15},
		Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, -1, 0, 0, 0, -1}, T: [3]float64{0, 1.5, 3}}}
	origin, dir := cam.Ray([2]float64{10, 20})
	// Follow the ray 2 m and project back onto the same pixel.
	p := [3]float64{origin[0] + 2*dir[0], origin[1] + 2*dir[1], origin[2] + 2*dir[2]}
	px, _ := cam.Project(p)
	fmt.Printf("(%.6f, %.6f)\n", px[0], px[1])
	// Output:
	// (10.000000, 20.000000)
}
