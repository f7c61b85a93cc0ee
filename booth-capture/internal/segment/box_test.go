package segment

import (
	"bytes"
	"testing"

	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/synth"
)

// The full-size mask is written only over the person's box: what an
// earlier frame left outside it must be cleared. A segmenter that has
// seen other frames gives the same full mask as a fresh one.
func TestFullMaskHasNothingStale(t *testing.T) {
	t.Parallel()
	b, err := synthbooth.New(synthbooth.Params{Cameras: 1, Resolution: "1080p", Seed: 5, Motion: "waving", Background: true,
		Realism: synth.Realism{Noise: 2}})
	if err != nil {
		t.Fatal(err)
	}
	c := b.Rig().Cameras[0]
	learn := func() *Segmenter {
		s, err := New(Params{}, 0, c.Width, c.Height)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		for k := 0; !s.Ready(); k++ {
			views, _, err := b.Render(float64(k)/30, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Learn(views[0].Color); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	used, fresh := learn(), learn()
	frame := func(ts float64, person bool) []byte {
		views, _, err := b.Render(ts, person)
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Clone(views[0].Color)
	}
	got, want := make([]byte, c.Width*c.Height), make([]byte, c.Width*c.Height)
	for _, ts := range []float64{0.2, 1.4, 2.9} { // the arm and body move between them
		if _, err := used.Segment(frame(ts, true)); err != nil {
			t.Fatal(err)
		}
	}
	empty := frame(3.0, false)
	r, err := used.Segment(empty)
	if err != nil {
		t.Fatal(err)
	}
	if err := used.FullMask(got); err != nil {
		t.Fatal(err)
	}
	if r.Area != 0 || !r.Box.Empty() || bytes.Count(got, []byte{0}) != len(got) {
		t.Fatalf("empty booth: area %d box %v, %d full-size pixels set", r.Area, r.Box, len(got)-bytes.Count(got, []byte{0}))
	}
	for _, ts := range []float64{0.7, 2.2} {
		img := frame(ts, true)
		r, err := used.Segment(img)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fresh.Segment(img); err != nil {
			t.Fatal(err)
		}
		if err := used.FullMask(got); err != nil {
			t.Fatal(err)
		}
		if err := fresh.FullMask(want); err != nil {
			t.Fatal(err)
		}
		if r.Area == 0 || !bytes.Equal(got, want) {
			t.Fatalf("at %gs: area %d; full mask equal to a fresh segmenter's: %v", ts, r.Area, bytes.Equal(got, want))
		}
	}
}
