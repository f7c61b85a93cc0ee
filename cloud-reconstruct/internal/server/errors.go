package server

import "errors"

var (
	// ErrDraining: the node is shutting down and takes no new sessions.
	ErrDraining = errors.New("node is draining")
	// ErrOverloaded: the node holds its maximum number of sessions.
	ErrOverloaded = errors.New("node is full")
	// ErrNoSession: no session with that id.
	ErrNoSession = errors.New("no such session")
	// ErrBadRequest: the request is malformed.
	ErrBadRequest = errors.New("bad request")
	// ErrParams: server Params are missing or invalid.
	ErrParams = errors.New("invalid server params")
)
