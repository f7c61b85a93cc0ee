package engine

import (
	"fmt"
	"math"
	"runtime"

	"cloudme.dev/calibration/rig"
)

// Cell size limits of the booth configuration. Small objects (a test
// target of a few centimetres) may go below MinCellSize with
// Config.AllowFineCells.
const (
	MinCellSize = 0.002
	MaxCellSize = 0.010
	// MinFineCellSize is the floor even with AllowFineCells.
	MinFineCellSize = 0.0002
	// MaxCameras is the most cameras a rig may have (one bit per camera
	// in the active sets).
	MaxCameras = 64
	// maxFinestCells bounds the finest grid per axis.
	maxFinestCells = 1 << 14
)

// DefaultLo and DefaultHi bound the default booth volume: 2.5 x 2.4 x 2.5 m
// standing on the floor, centred on the origin.
var (
	DefaultLo = [3]float64{-1.25, 0, -1.25}
	DefaultHi = [3]float64{1.25, 2.4, 1.25}
)

// Config configures an engine.
type Config struct {
	// Rig holds the cameras; frame sets must be decoded against it.
	Rig *rig.Rig
	// Lo and Hi bound the reconstruction volume in world metres; both zero
	// means DefaultLo, DefaultHi.
	Lo, Hi [3]float64
	// CellSize is the finest cell edge in metres, MinCellSize..MaxCellSize
	// (0 means 0.005).
	CellSize float64
	// AllowFineCells lets CellSize go down to MinFineCellSize, for small
	// volumes such as a table-top test object.
	AllowFineCells bool
	// UnseenCarves lets a camera carve the cells outside its view.
	UnseenCarves bool
	// Smoothing is the weight of the past in the temporal moving average
	// of the field, in [0, 1); 0 turns smoothing off.
	Smoothing float64
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// NoColor skips the colour stage (the mesh gets no colours).
	NoColor bool
	// VisibilityScale is the z-buffer resolution of the visibility test
	// as a fraction of each camera's image, in (0, 1]; 0 means 0.25.
	VisibilityScale float64
}

// withDefaults returns the config with zero fields defaulted, or an error
// naming the first bad field.
func (c Config) withDefaults() (Config, error) {
	if c.Rig == nil || len(c.Rig.Cameras) == 0 {
		return c, fmt.Errorf("%w: rig has no cameras", ErrConfig)
	}
	if len(c.Rig.Cameras) > MaxCameras {
		return c, fmt.Errorf("%w: rig has %d cameras, at most %d", ErrConfig, len(c.Rig.Cameras), MaxCameras)
	}
	for i := range c.Rig.Cameras {
		cam := &c.Rig.Cameras[i]
		if err := cam.Validate(); err != nil {
			return c, fmt.Errorf("%w: camera %d: %w", ErrConfig, cam.ID, err)
		}
	}
	if c.Lo == ([3]float64{}) && c.Hi == ([3]float64{}) {
		c.Lo, c.Hi = DefaultLo, DefaultHi
	}
	for a := 0; a < 3; a++ {
		if !finite(c.Lo[a]) || !finite(c.Hi[a]) || c.Hi[a] <= c.Lo[a] {
			return c, fmt.Errorf("%w: volume axis %c is [%g, %g]", ErrConfig, "xyz"[a], c.Lo[a], c.Hi[a])
		}
	}
	if c.CellSize == 0 {
		c.CellSize = 0.005
	}
	lo := MinCellSize
	if c.AllowFineCells {
		lo = MinFineCellSize
	}
	if !finite(c.CellSize) || c.CellSize < lo-1e-12 || c.CellSize > MaxCellSize+1e-12 {
		return c, fmt.Errorf("%w: cell size %g m outside [%g, %g]", ErrConfig, c.CellSize, lo, MaxCellSize)
	}
	for a := 0; a < 3; a++ {
		if n := (c.Hi[a] - c.Lo[a]) / c.CellSize; n > maxFinestCells-16 {
			return c, fmt.Errorf("%w: volume axis %c is %.0f cells of %g m, at most %d", ErrConfig, "xyz"[a], n, c.CellSize, maxFinestCells-16)
		}
	}
	if !(c.Smoothing >= 0 && c.Smoothing < 1) {
		return c, fmt.Errorf("%w: smoothing %g outside [0, 1)", ErrConfig, c.Smoothing)
	}
	if c.Workers < 0 {
		return c, fmt.Errorf("%w: workers %d < 0", ErrConfig, c.Workers)
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.VisibilityScale == 0 {
		c.VisibilityScale = 0.25
	}
	if !(c.VisibilityScale > 0 && c.VisibilityScale <= 1) {
		return c, fmt.Errorf("%w: visibility scale %g outside (0, 1]", ErrConfig, c.VisibilityScale)
	}
	return c, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
