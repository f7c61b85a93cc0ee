package wire

import "errors"

var (
	// ErrTooLarge: the message or one of its fields is over a limit.
	ErrTooLarge = errors.New("over the size limit")
	// ErrMalformed: the bytes are not a valid Envelope.
	ErrMalformed = errors.New("malformed message")
	// ErrVersion: the sender speaks a protocol newer than ours, or none.
	ErrVersion = errors.New("unsupported protocol version")
	// ErrInvalid: a field holds a value the contract forbids.
	ErrInvalid = errors.New("invalid message")
)
