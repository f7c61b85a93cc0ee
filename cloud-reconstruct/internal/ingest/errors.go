package ingest

import "errors"

var (
	// ErrHello: the booth's first message was missing or unacceptable.
	ErrHello = errors.New("bad booth hello")
	// ErrRig: the rig in the hello does not parse, validate or match.
	ErrRig = errors.New("rig mismatch")
	// ErrParams: a Params field is missing or invalid.
	ErrParams = errors.New("invalid ingest params")
)
