package source

import (
	"fmt"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

// cropMargin is the border in pixels kept around a mask's bounding box.
const cropMargin = 4

// Synth reads a synthetic-booth dataset folder.
type Synth struct {
	ds *synth.Dataset
}

// OpenSynth opens a dataset written by calibration/synth (cmd/synth).
func OpenSynth(dir string) (*Synth, error) {
	ds, err := synth.OpenDataset(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFolder, err)
	}
	return &Synth{ds: ds}, nil
}

func (s *Synth) Rig() *rig.Rig { return s.ds.Rig }
func (s *Synth) Len() int      { return s.ds.Len() }

func (s *Synth) Volume() (lo, hi [3]float64, ok bool) { return lo, hi, false }

// Frame reads frame i.
func (s *Synth) Frame(i int) (*frameset.FrameSet, error) {
	fs, _, err := s.FrameTruth(i)
	return fs, err
}

// FrameTruth reads frame i and its true mesh.
func (s *Synth) FrameTruth(i int) (*frameset.FrameSet, *mesh.Mesh, error) {
	if i < 0 || i >= s.Len() {
		return nil, nil, fmt.Errorf("frame %d of %d: %w", i, s.Len(), ErrFrame)
	}
	f, err := s.ds.ReadFrame(i)
	if err != nil {
		return nil, nil, err
	}
	r := s.ds.Rig
	fs := &frameset.FrameSet{BoothID: r.BoothID, Sequence: uint64(i), CaptureTimeNs: int64(s.ds.FrameTime(i)*1e9) + 1, Rig: r}
	for ci, v := range f.Views {
		m := &maskcodec.Mask{Width: v.Width, Height: v.Height, Pix: v.Mask}
		fv, err := frameset.CropView(r, r.Cameras[ci].ID, m, v.Color, cropMargin)
		if err != nil {
			return nil, nil, fmt.Errorf("frame %d: %w", i, err)
		}
		fs.Views = append(fs.Views, fv)
	}
	return fs, f.Truth, nil
}
