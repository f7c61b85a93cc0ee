package colmap

import "errors"

// Sentinel errors; returned errors name the file line at fault.
var (
	// ErrSyntax marks a line that is not a valid COLMAP record.
	ErrSyntax = errors.New("malformed COLMAP file")
	// ErrUnsupported marks a camera model this package does not convert.
	ErrUnsupported = errors.New("unsupported COLMAP camera model")
	// ErrMismatch marks images.txt and cameras.txt that do not agree.
	ErrMismatch = errors.New("COLMAP files disagree")
)
