package segment

import "errors"

var (
	// ErrParams is wrapped by every parameter error.
	ErrParams = errors.New("bad segmentation parameters")
	// ErrFrame is wrapped when a frame does not match the segmenter.
	ErrFrame = errors.New("frame does not match the segmenter")
	// ErrNoPlate is returned by Segment before the background is learned.
	ErrNoPlate = errors.New("background plate not learned yet")
	// ErrSceneMoved is returned by Learn when the frame differs from the
	// frames learned so far over more than PlateMotionFraction of the
	// image (someone walking through, a door, a light switched): the plate
	// starts again from this frame.
	ErrSceneMoved = errors.New("the booth changed while its background was being learned (someone in view?); learning it again")
)
