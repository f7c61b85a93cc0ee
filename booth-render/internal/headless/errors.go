package headless

import "errors"

// ErrParams is wrapped by invalid parameter errors.
var ErrParams = errors.New("invalid headless parameters")
