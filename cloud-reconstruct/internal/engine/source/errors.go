package source

import "errors"

var (
	// ErrFolder reports a folder that is not a dataset of the named kind.
	ErrFolder = errors.New("not a usable dataset folder")
	// ErrFrame reports a frame index out of range.
	ErrFrame = errors.New("no such frame")
	// ErrOptions reports bad reading options.
	ErrOptions = errors.New("bad source options")
)
