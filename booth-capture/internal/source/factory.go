package source

import (
	"context"
	"fmt"
	"sync"

	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
)

// Factory opens the cameras of a config, as often as the agent re-opens
// them. It owns what the cameras share (the synthetic booth, the dataset)
// and the rig.
type Factory struct {
	cams   map[uint32]config.Camera
	uris   map[uint32]config.SourceURI
	rig    *rig.Rig
	shared *shared
	// synthetic: shared is the synthetic booth.
	synthetic bool
	mu        sync.Mutex
	closed    bool
}

// NewFactory loads the rig (the file named by the config, else the
// synthetic booth's or the dataset's) and checks that every camera is in it.
func NewFactory(c *config.Config) (*Factory, error) {
	f := &Factory{cams: map[uint32]config.Camera{}, uris: map[uint32]config.SourceURI{}}
	var kind config.Kind
	var dirPath string
	loop := false
	for _, cam := range c.Cameras {
		u, err := config.ParseSource(cam.Source)
		if err != nil {
			return nil, fmt.Errorf("camera %d: %w", cam.ID, err)
		}
		f.cams[cam.ID], f.uris[cam.ID] = cam, u
		kind = u.Kind
		if u.Kind == config.Dir {
			dirPath = u.Path
			loop = loop || cam.Loop
		}
	}
	var err error
	if c.Rig != "" {
		if f.rig, err = rig.Load(c.Rig); err != nil {
			return nil, err
		}
	}
	switch {
	case kind == config.Synth:
		if f.rig == nil {
			if f.rig, err = SyntheticRig(c.BoothID, c.Synthetic); err != nil {
				return nil, err
			}
		}
		if f.shared, err = newSynthetic(f.rig, c.Synthetic, c.FPS); err != nil {
			return nil, err
		}
		f.synthetic = true
	case dirPath != "":
		ds, err := synth.OpenDataset(dirPath)
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, ErrOpen)
		}
		if f.rig == nil {
			f.rig = ds.Rig
		}
		f.shared = newDir(ds, c.FPS, loop)
	}
	if f.rig == nil {
		return nil, fmt.Errorf("no rig file: %w", config.ErrConfig)
	}
	for id := range f.cams {
		if _, ok := f.rig.Camera(int(id)); !ok {
			return nil, fmt.Errorf("camera %d: not in the rig of booth %q: %w", id, f.rig.BoothID, ErrCamera)
		}
	}
	return f, nil
}

// OnInstant registers f to be told, for each instant the synthetic booth
// renders with the person in it, the person's motion time (seconds) and
// the frame set's capture time (the median of its frames' stamps), so
// that the synthetic audio can click when the waving hand is highest. It
// reports false, registering nothing, for other sources.
func (f *Factory) OnInstant(fn func(motionS float64, captureNs int64)) bool {
	if f.shared == nil || !f.synthetic {
		return false
	}
	f.shared.instant.Store(&fn)
	return true
}

// StepInWhen holds the synthetic person out of the booth, after its
// empty time, until ready reports true (the agent's plates are learned).
// ready is called from the rendering goroutine and must be cheap. It
// reports false, registering nothing, for other sources.
func (f *Factory) StepInWhen(ready func() bool) bool {
	if f.shared == nil || !f.synthetic {
		return false
	}
	f.shared.stepIn.Store(&ready)
	return true
}

// Rig returns the booth's rig.
func (f *Factory) Rig() *rig.Rig { return f.rig }

// Open opens camera id's source.
func (f *Factory) Open(_ context.Context, id uint32) (Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, ErrClosed
	}
	cam, ok := f.cams[id]
	if !ok {
		return nil, fmt.Errorf("camera %d: %w", id, ErrCamera)
	}
	u := f.uris[id]
	switch u.Kind {
	case config.Synth, config.Dir:
		return f.shared.open(id), nil
	default:
		return openCapture(cam, u)
	}
}

// Close stops opening sources; sources already open close on their own.
func (f *Factory) Close() error {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	return nil
}
