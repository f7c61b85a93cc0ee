package auth

import "errors"

var (
	// ErrNoToken: the request carries no bearer token.
	ErrNoToken = errors.New("no bearer token")
	// ErrInvalidToken: the token is malformed, badly signed or expired.
	ErrInvalidToken = errors.New("invalid token")
	// ErrForbidden: the token is valid but lacks the grant.
	ErrForbidden = errors.New("token lacks the grant")
	// ErrSecret: the signing secret is missing or too short.
	ErrSecret = errors.New("bad signing secret")
	// ErrGrants: grants requested for a token are invalid.
	ErrGrants = errors.New("bad grants")
)
