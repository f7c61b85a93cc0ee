package calibcli

import (
	"flag"
	"fmt"

	"cloudme.dev/calibration/detect"
	"cloudme.dev/calibration/solve"
)

// boardFlags are the board options every image-reading command takes.
type boardFlags struct {
	cols, rows int
	square     float64
	subPix     int
}

func registerBoard(fs *flag.FlagSet) *boardFlags {
	b := &boardFlags{}
	fs.IntVar(&b.cols, "cols", 9, "inner corners along the board's width")
	fs.IntVar(&b.rows, "rows", 6, "inner corners along the board's height")
	fs.Float64Var(&b.square, "square", 0.05, "square size (metres, or any unit: the rig comes out in it)")
	fs.IntVar(&b.subPix, "subpix", 5, "cornerSubPix half window in pixels")
	return b
}

func (b *boardFlags) board() (solve.Board, error) {
	sb := solve.Board{Cols: b.cols, Rows: b.rows, Square: b.square}
	if err := sb.Validate(); err != nil {
		return sb, fmt.Errorf("--cols %d --rows %d --square %g: %w: %w", b.cols, b.rows, b.square, err, ErrUsage)
	}
	return sb, nil
}

func (b *boardFlags) detector() detect.Detector {
	return detect.Detector{Cols: b.cols, Rows: b.rows, SubPixWindow: b.subPix}
}
