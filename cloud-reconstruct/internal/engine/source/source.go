package source

import (
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
)

// Source is a sequence of frame sets seen by one rig.
type Source interface {
	// Rig returns the cameras every frame set refers to.
	Rig() *rig.Rig
	// Len returns the number of frames.
	Len() int
	// Frame reads frame i as a frame set, cropped as a booth would send it.
	Frame(i int) (*frameset.FrameSet, error)
	// Volume returns the box to reconstruct in when the data set knows
	// one (ok false: use the booth default).
	Volume() (lo, hi [3]float64, ok bool)
}
