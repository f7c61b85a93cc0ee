package page

import "errors"

var (
	// ErrParams is wrapped by invalid Params errors.
	ErrParams = errors.New("invalid page parameters")
	// ErrMessage is wrapped by every refused page message.
	ErrMessage = errors.New("bad page message")
)
