package segment

import "errors"

var (
	// ErrParams is wrapped by every parameter error.
	ErrParams = errors.New("bad segmentation parameters")
	// ErrFrame is wrapped when a frame does not match the segmenter.
	ErrFrame = errors.New("frame does not match the segmenter")
	// ErrNoPlate is returned by Segment before the background is learned.
	ErrNoPlate = errors.New("background plate not learned yet")
)
