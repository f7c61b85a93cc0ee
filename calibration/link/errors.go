package link

import "errors"

var (
	// ErrClosed: the session is closed.
	ErrClosed = errors.New("link closed")
	// ErrCongested: the media channel's send buffer is over its high-water
	// mark; the message was dropped (latest wins).
	ErrCongested = errors.New("media channel congested, message dropped")
	// ErrSignaling: the offer/answer exchange failed.
	ErrSignaling = errors.New("signaling failed")
	// ErrRejected: the cloud refused the session (bad or missing grant).
	ErrRejected = errors.New("session rejected")
)
