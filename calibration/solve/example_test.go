package solve_test

import (
	"fmt"

	"cloudme.dev/calibration/solve"
)

// A board lying on the floor defines the world frame: its grid centre is
// the origin and its printed face points up (+Y).
func ExampleBoard_FloorPose() {
	b := solve.Board{Cols: 9, Rows: 6, Square: 0.1}
	f := b.FloorPose()
	corner0 := f.Apply(b.Points()[0])
	fmt.Printf("corner 0 at (%.2f, %.2f, %.2f)\n", corner0[0], corner0[1], corner0[2])
	// Output: corner 0 at (-0.40, 0.00, -0.25)
}

// Calibrate a synthetic 8-camera booth with known intrinsics.
func ExampleCalibrateRig() {
	s, _ := solve.Synthetic(solve.SynthParams{Cameras: 8, Views: 20, Noise: 0.2, Seed: 1})
	res, err := solve.CalibrateRig(solve.RigInput{Board: s.Board, Cameras: s.Cameras, NumViews: len(s.Views), Obs: s.Obs}, solve.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d cameras, RMS %.2f px\n", len(res.Cameras), res.RMS)
	// Output: 8 cameras, RMS 0.28 px
}
