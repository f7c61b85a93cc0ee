package cvx

import "errors"

var (
	// ErrSize is wrapped when a buffer or size does not fit the call.
	ErrSize = errors.New("cvx: buffer size mismatch")
	// ErrOpenCV is wrapped when OpenCV threw an exception.
	ErrOpenCV = errors.New("cvx: OpenCV error")
)
