package source

import "errors"

var (
	// ErrOpen is wrapped when a source cannot be opened.
	ErrOpen = errors.New("cannot open source")
	// ErrRead is wrapped when a source gives no frame.
	ErrRead = errors.New("source read failed")
	// ErrEOF is wrapped when a file or dataset without loop has ended.
	ErrEOF = errors.New("source ended")
	// ErrCamera is wrapped when a camera is not in the rig or the source.
	ErrCamera = errors.New("unknown camera")
	// ErrClosed is returned by a closed source or factory.
	ErrClosed = errors.New("source closed")
)
