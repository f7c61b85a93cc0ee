package source

import (
	"fmt"
	"time"

	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/calibration/synth"
)

// newDir replays a synth dataset at fps, each instant read once for all
// cameras; with loop it starts again at the end, else it ends (ErrEOF).
func newDir(ds *synth.Dataset, fps float64, loop bool) *shared {
	var sh *shared
	last := int64(-1)
	sh = newShared(fps, func(k, _ int64) (map[uint32]frame.Frame, error) {
		n := int64(ds.Len())
		i := k % n
		if !loop { // a late reader still gets the last frame once
			if last == n-1 {
				return nil, fmt.Errorf("dataset %s: %d frames: %w", ds.Dir, n, ErrEOF)
			}
			i = min(k, n-1)
		}
		last = i
		df, err := ds.ReadFrame(int(i))
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, ErrRead)
		}
		at := time.Now().UnixNano() // read-out
		out := make(map[uint32]frame.Frame, len(df.Views))
		for c, v := range df.Views {
			id := uint32(ds.Rig.Cameras[c].ID)
			out[id] = frame.Frame{CameraID: id, Width: v.Width, Height: v.Height, Pix: v.Color, Truth: v.Mask,
				CaptureNs: at + int64(df.Meta.Offsets[c]*1e9)}
		}
		return out, nil
	})
	return sh
}
