package chrome

import "errors"

var (
	// ErrNotFound: no Chromium binary.
	ErrNotFound = errors.New("chromium not found")
	// ErrBrowser: the browser failed to start or answer.
	ErrBrowser = errors.New("browser failed")
)
