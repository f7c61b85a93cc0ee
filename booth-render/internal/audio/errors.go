package audio

import "errors"

// ErrParams is wrapped by parameter errors.
var ErrParams = errors.New("bad audio parameters")
