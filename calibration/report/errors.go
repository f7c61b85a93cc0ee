package report

import "errors"

// Sentinel errors.
var (
	// ErrSession marks a session file that is malformed or inconsistent.
	ErrSession = errors.New("bad session file")
	// ErrPlot marks a figure that could not be drawn or written.
	ErrPlot = errors.New("plot failed")
)
