package solve

import "errors"

// Sentinel errors. Returned errors wrap one of these with context naming the
// camera or view at fault; test with errors.Is.
var (
	// ErrDegenerate marks geometry with no unique answer: too few points,
	// collinear corners, a singular system.
	ErrDegenerate = errors.New("degenerate geometry")
	// ErrDisconnected marks a camera that no chain of shared board views
	// joins to the floor view, so it cannot be placed in the world frame.
	ErrDisconnected = errors.New("camera not connected to the world frame")
	// ErrNoFloor marks input without the floor view that defines the world.
	ErrNoFloor = errors.New("no floor view")
	// ErrInput marks malformed solver input (bad indices, sizes, NaN).
	ErrInput = errors.New("invalid solver input")
	// ErrNotConverged marks an optimisation that produced no finite result.
	ErrNotConverged = errors.New("optimisation failed")
)
