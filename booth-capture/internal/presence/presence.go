// Package presence decides whether a visitor is in the booth from the
// mask areas of each frame set: someone steps in when enough cameras see
// enough person for K sets in a row; they have left when that has not been
// true for a grace period and for K sets in a row (so one bad set does
// not end a meeting when sets come far apart: a booth paced by a busy
// cloud segments a few a second). Nothing is streamed while the booth is
// empty.
package presence

import (
	"errors"
	"fmt"
	"time"
)

// ErrParams is wrapped by parameter errors.
var ErrParams = errors.New("bad presence parameters")

// Params tune the detector.
type Params struct {
	MinFraction float64       // mask area over image area for a camera to see someone; default 0.005
	MinCameras  int           // cameras that must see someone; default 2
	EnterSets   int           // consecutive sets to start streaming, and without anyone to stop; default 3
	Grace       time.Duration // how long nobody must be seen to stop; default 2s
}

// WithDefaults fills zero fields and checks the rest.
func (p Params) WithDefaults() (Params, error) {
	if p.MinFraction == 0 {
		p.MinFraction = 0.005
	}
	if p.MinCameras == 0 {
		p.MinCameras = 2
	}
	if p.EnterSets == 0 {
		p.EnterSets = 3
	}
	if p.Grace == 0 {
		p.Grace = 2 * time.Second
	}
	if !(p.MinFraction > 0 && p.MinFraction < 1) || p.MinCameras < 1 || p.EnterSets < 1 || p.Grace < 0 {
		return p, fmt.Errorf("min fraction %g, min cameras %d, enter sets %d, grace %v: %w", p.MinFraction, p.MinCameras, p.EnterSets, p.Grace, ErrParams)
	}
	return p, nil
}

// Detector is the state machine. Not safe for concurrent use.
type Detector struct {
	p        Params
	present  bool
	run      int // sets in a row seeing someone
	unseen   int // sets in a row seeing nobody
	lastSeen int64
}

// New returns a detector for an empty booth.
func New(p Params) (*Detector, error) {
	p, err := p.WithDefaults()
	if err != nil {
		return nil, err
	}
	return &Detector{p: p}, nil
}

// Present reports the current state.
func (d *Detector) Present() bool { return d.present }

// Update takes one set's per-camera mask fractions at capture time tNs and
// returns whether the booth is occupied and whether that just changed.
func (d *Detector) Update(fractions map[uint32]float64, tNs int64) (present, changed bool) {
	seeing := 0
	for _, f := range fractions {
		if f >= d.p.MinFraction {
			seeing++
		}
	}
	seen := seeing >= d.p.MinCameras
	if seen {
		d.run, d.unseen = d.run+1, 0
		d.lastSeen = tNs
	} else {
		d.run, d.unseen = 0, d.unseen+1
	}
	was := d.present
	switch {
	case !d.present && d.run >= d.p.EnterSets:
		d.present = true
	case d.present && d.unseen >= d.p.EnterSets && tNs-d.lastSeen >= int64(d.p.Grace):
		d.present = false
	}
	return d.present, d.present != was
}
