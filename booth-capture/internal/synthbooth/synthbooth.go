// Package synthbooth wraps the synthetic booth (cloudme.dev/calibration/
// synth) for the capture agent: the same rig, background and camera
// imperfections rendered with the person in the booth or with the booth
// empty, which is what the background plate is learned from.
package synthbooth

import (
	"fmt"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/proto/mesh"
)

// Params choose the synthetic booth. Zero fields take synth's defaults.
type Params struct {
	Rig        *rig.Rig // nil: generated from Cameras, Resolution and Seed
	Cameras    int
	Resolution string // 720p, 1080p or 4k
	Seed       int64
	Motion     string // synth motion name; default "waving"
	Background bool
	Realism    synth.Realism
}

// Booth renders the views of one instant, with or without the person.
// Not safe for concurrent use.
type Booth struct {
	rig           *rig.Rig
	person, empty *synth.Booth
	targets       []*raster.Target
}

// New builds the booth.
func New(p Params) (*Booth, error) {
	r := p.Rig
	if r == nil {
		var err error
		if r, err = synth.GenerateRig(synth.RigParams{Cameras: p.Cameras, Resolution: p.Resolution, Seed: p.Seed}); err != nil {
			return nil, fmt.Errorf("synthetic booth: %w", err)
		}
	}
	if p.Motion == "" {
		p.Motion = "waving"
	}
	motion, err := synth.ParseMotion(p.Motion)
	if err != nil {
		return nil, fmt.Errorf("synthetic booth: %w", err)
	}
	person, err := synth.NewPerson(synth.PersonParams{Seed: p.Seed, Motion: motion})
	if err != nil {
		return nil, fmt.Errorf("synthetic booth: %w", err)
	}
	var bg *synth.Background
	if p.Background {
		bg = synth.NewBackground(synth.DefaultWidth, synth.DefaultHeight, p.Seed)
	}
	b := &Booth{
		rig:     r,
		person:  &synth.Booth{Rig: r, Subject: person, Background: bg, Realism: p.Realism, Seed: p.Seed},
		empty:   &synth.Booth{Rig: r, Subject: nobody{}, Background: bg, Realism: p.Realism, Seed: p.Seed},
		targets: synth.NewTargets(r),
	}
	return b, nil
}

// Rig returns the booth's rig.
func (b *Booth) Rig() *rig.Rig { return b.rig }

// Render draws every camera at time t (seconds), the person in the booth
// when person is true. The targets are reused by the next call.
func (b *Booth) Render(t float64, person bool) ([]*raster.Target, synth.FrameTruth, error) {
	sb := b.empty
	if person {
		sb = b.person
	}
	truth, err := sb.Render(t, b.targets)
	if err != nil {
		return nil, truth, err
	}
	if !person {
		for _, v := range b.targets {
			clear(v.Mask) // the empty booth has no subject; make sure of it
		}
	}
	return b.targets, truth, nil
}

// nobody is the empty booth's subject.
type nobody struct{}

func (nobody) At(float64) synth.Figure { return emptyFigure{} }

type emptyFigure struct{}

func (emptyFigure) Mesh() *mesh.Mesh                       { return &mesh.Mesh{} }
func (emptyFigure) Surfaces() []raster.Surface             { return nil }
func (emptyFigure) Contains([3]float64) bool               { return false }
func (emptyFigure) SurfaceSamples(int, int64) [][3]float64 { return nil }
func (emptyFigure) Bounds() (lo, hi [3]float64)            { return }
