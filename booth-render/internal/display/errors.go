package display

import "errors"

var (
	// ErrConfig is wrapped by every display configuration error; the
	// message names the field.
	ErrConfig = errors.New("invalid display config")
	// ErrSize: an output size that is not a positive number of pixels.
	ErrSize = errors.New("invalid output size")
)
