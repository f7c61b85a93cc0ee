package raster

import (
	"fmt"
	"math"
)

// Options control one Render call.
type Options struct {
	// CullBack drops triangles that face away from the camera (the sign of
	// their projected area says so).
	CullBack bool
	// Light, when set, shades vertex colours with Lambert plus ambient;
	// nil draws the unlit albedo.
	Light *Light
	// Background, when set, clears the target to this colour (depth +Inf,
	// mask 0) before drawing. The clear is split across the workers band by
	// band, which is faster than Target.Clear followed by Render.
	Background *[3]uint8
	// ClearDrawn, with Background, clears only the pixels that renders
	// have drawn into the target since it was last wholly cleared to the
	// same colour (by Target.Clear or a Render with Background), which is
	// much faster when the drawing covers a small part of the image. The
	// result is the same as a full clear provided nothing but Render wrote
	// into the planes since: whoever writes into them must call
	// Target.MarkWritten, after which the next clear is whole again.
	ClearDrawn bool
}

// Light is a directional light. A vertex with unit normal n gets the
// intensity Ambient + (1-Ambient)*max(0, n·d), d being Dir normalised, which
// multiplies its colour; Ambient 1 is the same as no light.
type Light struct {
	Dir     [3]float64 // world-frame direction towards the light; need not be unit
	Ambient float64    // in [0, 1]
}

// check validates the options and returns the unit light direction.
func (o *Options) check() (dir [3]float64, err error) {
	l := o.Light
	if l == nil {
		return dir, nil
	}
	n := math.Sqrt(l.Dir[0]*l.Dir[0] + l.Dir[1]*l.Dir[1] + l.Dir[2]*l.Dir[2])
	if !(n > 0) || math.IsInf(n, 0) {
		return dir, fmt.Errorf("%w: light direction %v", ErrOptions, l.Dir)
	}
	if !(l.Ambient >= 0 && l.Ambient <= 1) {
		return dir, fmt.Errorf("%w: ambient %g outside [0, 1]", ErrOptions, l.Ambient)
	}
	return [3]float64{l.Dir[0] / n, l.Dir[1] / n, l.Dir[2] / n}, nil
}
