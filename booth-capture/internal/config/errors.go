package config

import "errors"

var (
	// ErrConfig is wrapped by every configuration error.
	ErrConfig = errors.New("bad booth configuration")
	// ErrNoToken is returned by Token when neither token_file nor
	// CLOUDME_TOKEN gives a token.
	ErrNoToken = errors.New("no cloud token (set token_file or CLOUDME_TOKEN)")
)
