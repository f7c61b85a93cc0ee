package reconcli

import "errors"

// ErrUsage reports bad command-line options.
var ErrUsage = errors.New("bad usage")
