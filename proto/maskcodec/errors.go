package maskcodec

import "errors"

var (
	// ErrCorrupt reports bytes that are not a valid mask stream.
	ErrCorrupt = errors.New("corrupt mask stream")
	// ErrTooLarge reports a mask, or a declared mask size, beyond MaxWidth
	// or MaxHeight.
	ErrTooLarge = errors.New("mask too large")
	// ErrVersion reports a stream written by a newer format version.
	ErrVersion = errors.New("unsupported mask format version")
	// ErrInvalidMask reports a Mask whose fields disagree, for example a
	// Pix length other than Width*Height.
	ErrInvalidMask = errors.New("invalid mask")
)
