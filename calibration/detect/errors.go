package detect

import "errors"

// Sentinel errors; returned errors wrap one of these with the file, camera
// or view at fault.
var (
	// ErrUnreadable marks an image file that is missing or not an image.
	ErrUnreadable = errors.New("image unreadable")
	// ErrNoBoard marks an image in which the chessboard was not found.
	ErrNoBoard = errors.New("chessboard not found")
	// ErrTooFewViews marks a calibration with fewer usable views than needed.
	ErrTooFewViews = errors.New("too few usable views")
	// ErrSizeMismatch marks images of one camera with different sizes.
	ErrSizeMismatch = errors.New("image sizes differ")
	// ErrCalibration marks an OpenCV calibration that gave no usable result.
	ErrCalibration = errors.New("calibration failed")
	// ErrSource marks a camera source that cannot be opened or read.
	ErrSource = errors.New("camera source failed")
)
