package subscribe

import "errors"

// ErrParams is wrapped by every invalid Params error.
var ErrParams = errors.New("invalid subscribe parameters")
