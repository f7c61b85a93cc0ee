// Package pipeline turns frame sets into FrameSet messages: every camera
// segmented (in parallel, one worker per core), presence decided, then, if
// someone is in the booth, every camera encoded.
package pipeline

import (
	"fmt"
	"sync"
	"time"

	"cloudme.dev/booth-capture/internal/encode"
	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/proto/pb"
)

// Camera is one camera the processor serves.
type Camera struct {
	ID            uint32
	Width, Height int
}

// ProcessorParams configure a Processor.
type ProcessorParams struct {
	Cameras []Camera
	Segment segment.Params
	Encode  encode.Params
	Workers int // parallel cameras; <= 0: 2
}

type camState struct {
	seg *segment.Segmenter
	enc *encode.Encoder
	res segment.Result
	err error
	ok  bool // res is from the current set
}

// Processor segments and encodes frame sets. Its methods are called from
// one goroutine (the agent's pipeline stage).
type Processor struct {
	cams    map[uint32]*camState
	workers int
}

// NewProcessor builds a segmenter and encoder per camera.
func NewProcessor(p ProcessorParams) (*Processor, error) {
	if len(p.Cameras) == 0 {
		return nil, fmt.Errorf("pipeline: no cameras")
	}
	pr := &Processor{cams: map[uint32]*camState{}, workers: p.Workers}
	if pr.workers <= 0 {
		pr.workers = 2
	}
	for _, c := range p.Cameras {
		if _, dup := pr.cams[c.ID]; dup {
			pr.Close()
			return nil, fmt.Errorf("pipeline: camera %d listed twice", c.ID)
		}
		seg, err := segment.New(p.Segment, c.ID, c.Width, c.Height)
		if err != nil {
			pr.Close()
			return nil, err
		}
		enc, err := encode.New(p.Encode)
		if err != nil {
			seg.Close()
			pr.Close()
			return nil, err
		}
		pr.cams[c.ID] = &camState{seg: seg, enc: enc}
	}
	return pr, nil
}

// Close frees every camera's state.
func (pr *Processor) Close() {
	for _, c := range pr.cams {
		c.seg.Close()
		c.enc.Close()
	}
}

// each runs f for every frame of the set on the workers.
func (pr *Processor) each(set *frame.Set, f func(fr *frame.Frame, c *camState)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, pr.workers)
	for i := range set.Frames {
		fr := &set.Frames[i]
		c := pr.cams[fr.CameraID]
		if c == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(fr, c)
		}()
	}
	wg.Wait()
}

// Ready reports whether every camera knows its background.
func (pr *Processor) Ready() bool {
	for _, c := range pr.cams {
		if !c.seg.Ready() {
			return false
		}
	}
	return true
}

// CameraReady reports whether camera id knows its background (a camera
// that joins late or was re-learned is learned while the others stream).
func (pr *Processor) CameraReady(id uint32) bool {
	c := pr.cams[id]
	return c != nil && c.seg.Ready()
}

// Relearn forgets every camera's background.
func (pr *Processor) Relearn() {
	for _, c := range pr.cams {
		c.seg.Relearn()
	}
}

// Learn feeds the set (the empty booth) to the backgrounds not yet learned.
// It returns per-camera errors (a camera's bad frame does not stop others).
func (pr *Processor) Learn(set *frame.Set) []error {
	var mu sync.Mutex
	var errs []error
	pr.each(set, func(fr *frame.Frame, c *camState) {
		if c.seg.Ready() {
			return
		}
		if _, err := c.seg.Learn(fr.Pix); err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	})
	return errs
}

// Segmented is the outcome of Segment for one set.
type Segmented struct {
	Fractions map[uint32]float64 // mask area over image area, per camera segmented
	Errors    []error
	DoneNs    int64
}

// Segment segments every frame of the set.
func (pr *Processor) Segment(set *frame.Set) Segmented {
	for _, c := range pr.cams {
		c.ok = false
	}
	pr.each(set, func(fr *frame.Frame, c *camState) {
		c.res, c.err = c.seg.Segment(fr.Pix)
		c.ok = c.err == nil
	})
	out := Segmented{Fractions: map[uint32]float64{}, DoneNs: time.Now().UnixNano()}
	for _, fr := range set.Frames {
		c := pr.cams[fr.CameraID]
		switch {
		case c == nil:
			out.Errors = append(out.Errors, fmt.Errorf("camera %d: not in the rig", fr.CameraID))
		case c.err != nil:
			out.Errors = append(out.Errors, c.err)
		case c.ok:
			out.Fractions[fr.CameraID] = c.res.Fraction
		}
	}
	return out
}

// Encode encodes the views segmented by the last Segment of this set.
// Cameras that failed are added to missing.
func (pr *Processor) Encode(set *frame.Set) (views []*pb.View, missing []uint32, errs []error) {
	vs := make([]*pb.View, len(set.Frames))
	es := make([]error, len(set.Frames))
	idx := map[*frame.Frame]int{}
	for i := range set.Frames {
		idx[&set.Frames[i]] = i
	}
	pr.each(set, func(fr *frame.Frame, c *camState) {
		if !c.ok {
			return
		}
		i := idx[fr]
		vs[i], es[i] = c.enc.View(fr, c.res, c.seg.Downscale())
	})
	missing = append(missing, set.Missing...)
	for i, fr := range set.Frames {
		switch {
		case vs[i] != nil:
			views = append(views, vs[i])
		default:
			if es[i] != nil {
				errs = append(errs, es[i])
			}
			missing = append(missing, fr.CameraID)
		}
	}
	return views, missing, errs
}

// FullMask copies camera id's last full-size mask into dst (metrics).
func (pr *Processor) FullMask(id uint32, dst []byte) error {
	c := pr.cams[id]
	if c == nil || !c.ok {
		return fmt.Errorf("camera %d: no mask", id)
	}
	return c.seg.FullMask(dst)
}
