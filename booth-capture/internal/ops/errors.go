package ops

import "errors"

var (
	// ErrParams is wrapped by parameter errors.
	ErrParams = errors.New("bad ops parameters")
	// ErrRelearn is wrapped when the agent refuses or cannot be asked to
	// re-learn.
	ErrRelearn = errors.New("relearn failed")
)
