package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
)

// Booth is a virtual booth: a rig of cameras around a subject, with an
// optional background plate and camera imperfections. Set the fields, then
// call Render; do not change them afterwards. A Booth renders one frame at
// a time (Render is not safe for concurrent use).
type Booth struct {
	Rig        *rig.Rig
	Subject    Subject
	Background *Background   // nil: a plain dark grey backdrop
	Realism    Realism       // zero: perfect images
	Light      *raster.Light // nil: unlit albedo
	Seed       int64         // drives exposure gains, jitter and noise
	Workers    int           // render goroutines; <= 0: GOMAXPROCS

	once     sync.Once
	renderer *raster.Renderer
	gains    []float64
	noise    noiseTable
	plates   [][]uint8 // per camera: the background alone, RGB
}

// BackdropColour is the colour behind the person when there is no
// background plate.
var BackdropColour = [3]uint8{40, 40, 40}

// FrameTruth is the ground truth of one rendered frame.
type FrameTruth struct {
	Time    float64   // nominal capture time, seconds
	Offsets []float64 // per camera: it saw the subject at Time + Offsets[i]
	Gains   []float64 // per camera exposure gain applied to its colour
	Figure  Figure    // the subject at Time: the true shape
}

// NewTargets allocates one target per camera of the rig, sized to it.
func NewTargets(r *rig.Rig) []*raster.Target {
	ts := make([]*raster.Target, len(r.Cameras))
	for i := range r.Cameras {
		ts[i] = raster.NewTarget(r.Cameras[i].Width, r.Cameras[i].Height)
	}
	return ts
}

// Render draws the frame at time t into views (one per camera, in rig
// order, sized to the camera): Color gets the subject, the background and
// the realism; Mask and Depth are exact and hold the subject alone (Depth
// is +Inf wherever Mask is 0). With jitter, camera i draws the subject at
// t + offset i; the returned truth says which offsets were used and holds
// the subject at t. Render clears only what it drew into a view the frame
// before: if you write into a view between frames, call its MarkWritten.
func (b *Booth) Render(t float64, views []*raster.Target) (FrameTruth, error) {
	if b.Rig == nil || b.Subject == nil {
		return FrameTruth{}, fmt.Errorf("booth: no rig or no subject: %w", ErrParams)
	}
	if err := b.Realism.check(); err != nil {
		return FrameTruth{}, fmt.Errorf("booth: %w", err)
	}
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return FrameTruth{}, fmt.Errorf("booth: frame time %g: %w", t, ErrParams)
	}
	n := len(b.Rig.Cameras)
	if len(views) != n {
		return FrameTruth{}, fmt.Errorf("booth: %d views for %d cameras: %w", len(views), n, ErrParams)
	}
	b.once.Do(func() {
		b.renderer = raster.NewRenderer(b.Workers)
		b.gains = b.Realism.gains(n, b.Seed)
		b.plates = make([][]uint8, n)
		if b.Realism.Noise > 0 {
			b.noise = newNoiseTable(b.Realism.Noise, b.Seed)
		}
	})
	truth := FrameTruth{Time: t, Offsets: b.Realism.offsets(n, b.Seed, t), Gains: b.gains, Figure: b.Subject.At(t)}
	for i := range b.Rig.Cameras {
		cam := &b.Rig.Cameras[i]
		if err := b.startView(i, views[i]); err != nil {
			return FrameTruth{}, err
		}
		fig := truth.Figure
		if truth.Offsets[i] != 0 {
			fig = b.Subject.At(t + truth.Offsets[i])
		}
		opt := raster.Options{CullBack: true, Light: b.Light}
		if b.Background == nil {
			// Only this booth writes into its views between frames (startView
			// and finish mark what they write), so clearing what the last
			// frame drew is enough.
			opt.Background, opt.ClearDrawn = &BackdropColour, true
		}
		if err := b.renderer.Render(views[i], cam, fig.Surfaces(), opt); err != nil {
			return FrameTruth{}, fmt.Errorf("booth camera %d: %w: %w", cam.ID, ErrRender, err)
		}
	}
	b.finish(t, views)
	return truth, nil
}

// startView prepares view i for the subject: with a background, the
// camera's plate (rendered on first use) in Color, depth +Inf and an empty
// mask. The background lies behind everything the subject can be, so the
// subject is drawn over it without a depth test against it.
func (b *Booth) startView(i int, v *raster.Target) error {
	if b.Background == nil {
		return nil
	}
	cam := &b.Rig.Cameras[i]
	if v == nil || v.Width != cam.Width || v.Height != cam.Height || len(v.Color) != 3*cam.Width*cam.Height ||
		len(v.Depth) != cam.Width*cam.Height || len(v.Mask) != cam.Width*cam.Height {
		return fmt.Errorf("booth camera %d: view does not match the %dx%d camera: %w", cam.ID, cam.Width, cam.Height, ErrParams)
	}
	if b.plates[i] == nil {
		plate := raster.NewTarget(cam.Width, cam.Height)
		opt := raster.Options{Light: b.Light, Background: &BackdropColour}
		if err := b.renderer.Render(plate, cam, b.Background.Surfaces, opt); err != nil {
			return fmt.Errorf("booth camera %d background: %w: %w", cam.ID, ErrRender, err)
		}
		b.plates[i] = plate.Color
	}
	copy(v.Color, b.plates[i])
	fillInf(v.Depth)
	clear(v.Mask)
	v.MarkWritten()
	return nil
}

// fillInf sets every element to +Inf by doubling copies.
func fillInf(p []float32) {
	if len(p) == 0 {
		return
	}
	p[0] = float32(math.Inf(1))
	for n := 1; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}

// finish applies gains and noise, one goroutine per view up to the worker
// count.
func (b *Booth) finish(t float64, views []*raster.Target) {
	if b.noise == nil && b.Realism.Exposure == 0 {
		return
	}
	workers := b.renderer.Workers()
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for i, v := range views {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			rng := rand.New(rand.NewPCG(uint64(b.Seed)^uint64(i)*0x9e3779b97f4a7c15, math.Float64bits(t)))
			applyColour(v.Color, b.gains[i], b.noise, rng)
			v.MarkWritten()
		}()
	}
	wg.Wait()
}
