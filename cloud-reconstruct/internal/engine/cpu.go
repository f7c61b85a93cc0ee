package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/mesh"
)

// cpu is the pure-Go engine.
type cpu struct {
	cfg  Config
	g    grid
	cams []camTab
	pad  bool // unseen space counts as inside (it does not carve)
	// active is the current frame's set of cameras with a view.
	active uint64

	chunkOut  [][]cellRec
	cur       []cellRec
	spare     []cellRec
	bricks    []*brick
	nBricks   int
	slots     slotTable
	prev      []*brick // the previous frame's bricks (smoothing)
	prevSlots slotTable
	normals   []float32
	vx        []colourVtx
	ccams     []int // the cameras with a colour crop in this frame
	corder    []int // the same, in the order the colour stage hands them out
	nbuf      [][]float32
	ccol      []*camColour
	cacc      [][4]float32 // colour accumulators per vertex: r, g, b, weight
	closed    bool
}

// NewCPU returns the pure-Go engine for the configured rig and volume.
func NewCPU(cfg Config) (Engine, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &cpu{cfg: c, g: newGrid(c.Lo, c.Hi, c.CellSize), pad: !c.UnseenCarves}
	e.cams = make([]camTab, len(c.Rig.Cameras))
	for i := range c.Rig.Cameras {
		e.cams[i] = newCamTab(&c.Rig.Cameras[i])
	}
	return e, nil
}

func (e *cpu) Name() string { return "cpu" }

func (e *cpu) Close() error {
	e.closed = true
	e.bricks, e.prev, e.cur, e.spare, e.chunkOut = nil, nil, nil, nil, nil
	return nil
}

// Reconstruct implements Engine.
func (e *cpu) Reconstruct(ctx context.Context, fs *frameset.FrameSet, out *mesh.Mesh) (Stats, error) {
	var st Stats
	if e.closed {
		return st, ErrClosed
	}
	if out == nil {
		return st, fmt.Errorf("%w: nil output mesh", ErrFrameSet)
	}
	start := time.Now()
	active, err := e.install(fs)
	if err != nil {
		return st, err
	}
	e.active = active
	st.Cells = e.carve(active, st.Cells)
	st.Hull = time.Since(start)
	if err := ctx.Err(); err != nil {
		return st, err
	}
	t := time.Now()
	if err := e.surface(out, &st); err != nil {
		return st, err
	}
	if e.cfg.Smoothing > 0 {
		e.bricks, e.prev = e.prev, e.bricks
		e.slots, e.prevSlots = e.prevSlots, e.slots
		// e.bricks now holds the frame before last: its slots are free.
		e.nBricks = 0
	}
	st.Surface = time.Since(t)
	if err := ctx.Err(); err != nil {
		return st, err
	}
	t = time.Now()
	if e.cfg.NoColor {
		out.Colors = out.Colors[:0]
	} else {
		e.ccams = e.colourCams(e.ccams[:0])
		e.vertexNormals(out)
		e.colour(out, e.vx)
	}
	st.Color = time.Since(t)
	st.Total = time.Since(start)
	return st, nil
}

// install checks the frame set against the engine's rig and builds the
// per-camera tables; it returns the set of cameras with a view.
func (e *cpu) install(fs *frameset.FrameSet) (uint64, error) {
	if fs == nil {
		return 0, fmt.Errorf("%w: nil frame set", ErrFrameSet)
	}
	if err := fs.Check(); err != nil {
		return 0, fmt.Errorf("%w: %w", ErrFrameSet, err)
	}
	for i := range e.cams {
		e.cams[i].present = false
		e.cams[i].view = nil
	}
	var active uint64
	for i := range fs.Views {
		v := &fs.Views[i]
		if v.Index >= len(e.cams) || e.cams[v.Index].id != v.Camera.ID ||
			e.cams[v.Index].w != float64(v.Camera.Width) || e.cams[v.Index].h != float64(v.Camera.Height) {
			return 0, fmt.Errorf("%w: camera %d is not the engine rig's camera %d", ErrFrameSet, v.Camera.ID, v.Index)
		}
		if v.Camera.Pose != e.cfg.Rig.Cameras[v.Index].Pose || v.Camera.K != e.cfg.Rig.Cameras[v.Index].K || v.Camera.D != e.cfg.Rig.Cameras[v.Index].D {
			return 0, fmt.Errorf("%w: camera %d: calibration differs from the engine's rig", ErrFrameSet, v.Camera.ID)
		}
		active |= 1 << uint(v.Index)
	}
	views := fs.Views
	parallelEach(len(views), e.cfg.Workers, func(_, i int) {
		e.cams[views[i].Index].setView(&views[i])
	})
	// A mask with no inside pixel: its summed-area table (built in
	// parallel above, instead of a serial count here) ends in 0.
	for i := range views {
		if sat := e.cams[views[i].Index].sat; sat[len(sat)-1] == 0 {
			return 0, fmt.Errorf("camera %d: %w", views[i].Camera.ID, ErrEmptyMask)
		}
	}
	if active == 0 {
		return 0, errors.New("no views")
	}
	return active, nil
}
