package audio

import "errors"

var (
	// ErrParams is wrapped by parameter errors.
	ErrParams = errors.New("bad audio parameters")
	// ErrFormat is wrapped by errors about a malformed or unsupported
	// audio file.
	ErrFormat = errors.New("unsupported audio file")
	// ErrClosed is returned by a closed source.
	ErrClosed = errors.New("audio source closed")
)
