package solve

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
)

// Board is a chessboard target: Cols×Rows inner corners, Square apart (in
// metres, or any unit the caller keeps to). Corner j = row*Cols + col sits at
// (col*Square, row*Square, 0) in the board frame, the order in which
// OpenCV's findChessboardCorners returns them.
type Board struct {
	Cols, Rows int
	Square     float64
}

// Validate reports a board that cannot be used.
func (b Board) Validate() error {
	if b.Cols < 2 || b.Rows < 2 {
		return fmt.Errorf("board %dx%d: need at least 2x2 inner corners: %w", b.Cols, b.Rows, ErrInput)
	}
	if !(b.Square > 0) || math.IsInf(b.Square, 0) {
		return fmt.Errorf("board square %g: must be a positive length: %w", b.Square, ErrInput)
	}
	return nil
}

// N returns the number of inner corners.
func (b Board) N() int { return b.Cols * b.Rows }

// Points returns the corners in the board frame.
func (b Board) Points() []Vec3 {
	pts := make([]Vec3, 0, b.N())
	for r := 0; r < b.Rows; r++ {
		for c := 0; c < b.Cols; c++ {
			pts = append(pts, Vec3{float64(c) * b.Square, float64(r) * b.Square, 0})
		}
	}
	return pts
}

// FloorPose returns the board-to-world transform of a board lying printed
// face up on the floor with its corner grid centred on the world origin:
// world X is the board's x, world +Y its -z (up) and world Z its y.
func (b Board) FloorPose() rig.Pose {
	r := Mat3{1, 0, 0, 0, 0, -1, 0, 1, 0}
	c := Vec3{float64(b.Cols-1) * b.Square / 2, float64(b.Rows-1) * b.Square / 2, 0}
	return rig.Pose{R: r, T: scale3(apply3(r, c), -1)}
}
