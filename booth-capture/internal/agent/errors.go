package agent

import "errors"

var (
	// ErrParams is wrapped by parameter errors.
	ErrParams = errors.New("bad agent parameters")
	// ErrClosed is returned by a closed agent.
	ErrClosed = errors.New("agent closed")
	// ErrFrameSize is wrapped when a camera delivers frames of another
	// size than its rig entry.
	ErrFrameSize = errors.New("frame size differs from the rig")
)
