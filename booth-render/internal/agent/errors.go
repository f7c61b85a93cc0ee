package agent

import "errors"

// ErrParams is wrapped by invalid Params errors.
var ErrParams = errors.New("invalid agent parameters")
