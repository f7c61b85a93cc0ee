package calibcli

import "errors"

// Sentinel errors of the command line.
var (
	// ErrUsage marks a bad command line.
	ErrUsage = errors.New("usage")
	// ErrLayout marks an image folder that does not follow the layout.
	ErrLayout = errors.New("bad image folder")
	// ErrNoBoard marks a camera or folder where no image showed the board.
	ErrNoBoard = errors.New("no board found")
	// ErrCheck marks a verdict of FAIL (report, verify).
	ErrCheck = errors.New("check failed")
)
