package meshcodec

import "errors"

var (
	// ErrCorrupt is wrapped by every error about a stream that does not
	// follow the format: truncated, inconsistent or trailing bytes.
	ErrCorrupt = errors.New("corrupt mesh stream")
	// ErrTooLarge is wrapped when a stream or a mesh exceeds the decoder's
	// Limits, or a mesh exceeds what the format can carry.
	ErrTooLarge = errors.New("mesh stream too large")
	// ErrVersion is wrapped when a stream was written by a newer format
	// version than this decoder understands.
	ErrVersion = errors.New("unsupported mesh stream version")
	// ErrInvalidOptions is wrapped when Options are out of range.
	ErrInvalidOptions = errors.New("invalid mesh codec options")
	// ErrInvalidMesh is wrapped when the encoder is given a mesh that fails
	// mesh.Validate.
	ErrInvalidMesh = errors.New("invalid mesh for encoding")
)
