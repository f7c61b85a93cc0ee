package engine

import "errors"

var (
	// ErrConfig reports an invalid Config.
	ErrConfig = errors.New("invalid engine config")
	// ErrFrameSet reports a frame set the engine cannot use.
	ErrFrameSet = errors.New("unusable frame set")
	// ErrEmptyMask reports a view whose mask has no inside pixel.
	ErrEmptyMask = errors.New("empty mask")
	// ErrClosed reports a call on a closed engine.
	ErrClosed = errors.New("engine closed")
	// ErrInternal reports a broken invariant; it is a bug.
	ErrInternal = errors.New("internal engine error")
)
