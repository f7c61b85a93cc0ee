package source

import (
	"fmt"
	"slices"
	"time"

	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/raster"
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
	period := time.Duration(float64(time.Second) / fps)
	var loop []replayed
	if s.Replay > 0 {
		if loop, err = prerender(b, r, s.EmptyFor, period, config.ReplayInstants(s.Replay, fps)); err != nil {
			return nil, err
		}
	}
	var sh *shared
	entered := false // the person stays once in
	var enteredK int64
	sh = newShared(fps, func(k, _ int64) (map[uint32]frame.Frame, error) {
		at := time.Duration(k) * sh.period
		if !entered && at >= s.EmptyFor {
			gate := sh.stepIn.Load()
			entered = gate == nil || (*gate)()
			enteredK = k
		}
		var in replayed
		if entered && loop != nil {
			in = loop[(k-enteredK)%int64(len(loop))]
		} else {
			views, truth, err := b.Render(at.Seconds(), entered)
			if err != nil {
				return nil, fmt.Errorf("synthetic booth at %v: %v: %w", at, err, ErrRead)
			}
			in = copyViews(r, at, views, truth, true)
		}
		// Stamped at read-out, as a real camera is: the time the render
		// finished (or the replayed frame was handed over), plus each
		// camera's jitter.
		readout := time.Now().UnixNano()
		out := make(map[uint32]frame.Frame, len(in.frames))
		for _, f := range in.frames {
			f.CaptureNs += readout
			out[f.CameraID] = f
		}
		if f := sh.instant.Load(); f != nil && entered {
			stamps := make([]int64, 0, len(out))
			for _, fr := range out {
				stamps = append(stamps, fr.CaptureNs)
			}
			slices.Sort(stamps)
			// The frame set's time is the median of its frames'.
			(*f)(in.motion.Seconds(), stamps[len(stamps)/2])
		}
		return out, nil
	})
	return sh, nil
}

// replayed is one rendered instant: motion time, and every camera's
// frame with CaptureNs holding only the camera's jitter offset.
type replayed struct {
	motion time.Duration
	frames []frame.Frame
}

// copyViews copies a render's views out of the renderer's buffers. Truth
// masks are kept when truth is set (the live booth's, for metrics); a
// replay drops them to halve its memory.
func copyViews(r *rig.Rig, at time.Duration, views []*raster.Target, ft synth.FrameTruth, truth bool) replayed {
	in := replayed{motion: at, frames: make([]frame.Frame, len(views))}
	for i, v := range views {
		off := int64(0)
		if i < len(ft.Offsets) {
			off = int64(ft.Offsets[i] * 1e9)
		}
		f := frame.Frame{CameraID: uint32(r.Cameras[i].ID), Width: v.Width, Height: v.Height,
			Pix: slices.Clone(v.Color), CaptureNs: off}
		if truth {
			f.Truth = slices.Clone(v.Mask)
		}
		in.frames[i] = f
	}
	return in
}

// prerender renders n instants of the person's motion from the moment
// the booth's empty time ends, one period apart, for synthetic.replay.
// Replayed frames share their pixels with every read: frames are
// read-only once a source hands them over.
func prerender(b *synthbooth.Booth, r *rig.Rig, from, period time.Duration, n int) ([]replayed, error) {
	loop := make([]replayed, n)
	for i := range loop {
		at := from + time.Duration(i)*period
		views, truth, err := b.Render(at.Seconds(), true)
		if err != nil {
			return nil, fmt.Errorf("synthetic booth, pre-rendering the replay at %v: %v: %w", at, err, ErrRead)
		}
		loop[i] = copyViews(r, at, views, truth, false)
	}
	return loop, nil
}
