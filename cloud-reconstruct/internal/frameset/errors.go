package frameset

import "errors"

var (
	// ErrUnknownCamera reports a view from a camera the rig does not have.
	ErrUnknownCamera = errors.New("camera not in the rig")
	// ErrCrop reports a crop rectangle that is empty or leaves the image.
	ErrCrop = errors.New("bad crop")
	// ErrSize reports a decoded mask or colour crop whose size is not the
	// crop's size times the scale.
	ErrSize = errors.New("wrong size")
	// ErrMask reports mask bytes that do not decode.
	ErrMask = errors.New("bad mask")
	// ErrColor reports colour bytes that do not decode.
	ErrColor = errors.New("bad colour crop")
	// ErrRig reports a rig that cannot be used (no cameras, a non-finite
	// or otherwise invalid camera).
	ErrRig = errors.New("bad rig")
	// ErrEmpty reports a frame set without views.
	ErrEmpty = errors.New("frame set has no views")
	// ErrDuplicate reports two views of the same camera.
	ErrDuplicate = errors.New("two views of one camera")
)
