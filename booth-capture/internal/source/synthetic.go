package source

import (
	"fmt"
	"slices"
	"time"

	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
)

// SyntheticRig generates the synthetic booth's rig. A WxH resolution
// scales the 720p rig (same field of view, so the person stays in view).
func SyntheticRig(boothID string, s config.Synthetic) (*rig.Rig, error) {
	w, h, err := config.ParseResolution(s.Resolution)
	if err != nil {
		return nil, err
	}
	res := s.Resolution
	named := res == "720p" || res == "1080p" || res == "4k"
	if !named {
		res = "720p"
	}
	r, err := synth.GenerateRig(synth.RigParams{Cameras: s.Cameras, Resolution: res, Seed: s.Seed, BoothID: boothID})
	if err != nil {
		return nil, fmt.Errorf("synthetic rig: %w", err)
	}
	if !named {
		scaleRig(r, w, h)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("synthetic rig %dx%d: %w", w, h, err)
	}
	return r, nil
}

// scaleRig resizes every camera's image to w x h; pixel centres stay at
// integer coordinates.
func scaleRig(r *rig.Rig, w, h int) {
	for i := range r.Cameras {
		c := &r.Cameras[i]
		sx, sy := float64(w)/float64(c.Width), float64(h)/float64(c.Height)
		c.K.Fx *= sx
		c.K.Fy *= sy
		c.K.Cx = (c.K.Cx+0.5)*sx - 0.5
		c.K.Cy = (c.K.Cy+0.5)*sy - 0.5
		c.Width, c.Height = w, h
	}
}

// newSynthetic renders the live synthetic booth: empty for s.EmptyFor
// (the plate is learned from it), then with the person moving. With a
// step-in gate (StepInWhen) the person also waits for it, as a visitor
// waits for the booth to say it is ready: on a loaded machine the
// renderer skips instants, and 2 s may hold fewer empty frames than a
// plate needs, which then learns the person into the background.
func newSynthetic(r *rig.Rig, s config.Synthetic, fps float64) (*shared, error) {
	b, err := synthbooth.New(synthbooth.Params{Rig: r, Seed: s.Seed, Motion: s.Motion, Background: true,
		Realism: synth.Realism{Noise: s.Noise, Exposure: 0.05, Jitter: s.Jitter}})
	if err != nil {
		return nil, err
	}
	var sh *shared
	entered := false // the person stays once in
	sh = newShared(fps, func(k, _ int64) (map[uint32]frame.Frame, error) {
		at := time.Duration(k) * sh.period
		if !entered && at >= s.EmptyFor {
			gate := sh.stepIn.Load()
			entered = gate == nil || (*gate)()
		}
		views, truth, err := b.Render(at.Seconds(), entered)
		if err != nil {
			return nil, fmt.Errorf("synthetic booth at %v: %v: %w", at, err, ErrRead)
		}
		// Stamped at read-out, as a real camera is: the time the render
		// finished, plus each camera's jitter.
		readout := time.Now().UnixNano()
		out := make(map[uint32]frame.Frame, len(views))
		for i, v := range views {
			id := uint32(r.Cameras[i].ID)
			off := int64(0)
			if i < len(truth.Offsets) {
				off = int64(truth.Offsets[i] * 1e9)
			}
			out[id] = frame.Frame{CameraID: id, Width: v.Width, Height: v.Height, Pix: slices.Clone(v.Color),
				Truth: slices.Clone(v.Mask), CaptureNs: readout + off}
		}
		if f := sh.instant.Load(); f != nil && entered {
			stamps := make([]int64, 0, len(out))
			for _, fr := range out {
				stamps = append(stamps, fr.CaptureNs)
			}
			slices.Sort(stamps)
			// The frame set's time is the median of its frames'.
			(*f)(at.Seconds(), stamps[len(stamps)/2])
		}
		return out, nil
	})
	return sh, nil
}
