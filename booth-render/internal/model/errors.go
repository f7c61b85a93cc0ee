package model

import "errors"

var (
	// ErrDecode: a model frame's mesh could not be decoded.
	ErrDecode = errors.New("undecodable model")
	// ErrFile: a model file could not be read.
	ErrFile = errors.New("unreadable model file")
)
