package synthbooth

import (
	"bytes"
	"testing"

	"cloudme.dev/calibration/synth"
)

func TestEmptyAndOccupiedBooth(t *testing.T) {
	t.Parallel()
	b, err := New(Params{Cameras: 2, Resolution: "720p", Seed: 3, Background: true, Realism: synth.Realism{Noise: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.Rig().Cameras); n != 2 {
		t.Fatalf("%d cameras", n)
	}
	views, _, err := b.Render(0.2, false)
	if err != nil {
		t.Fatal(err)
	}
	empty := bytes.Clone(views[0].Color)
	for i, v := range views {
		if bytes.IndexByte(v.Mask, 255) >= 0 {
			t.Fatalf("camera %d: the empty booth has a person in its mask", i)
		}
	}
	views, _, err = b.Render(0.2, true)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range views {
		if bytes.Count(v.Mask, []byte{255}) < 1000 {
			t.Fatalf("camera %d: no person in the mask", i)
		}
	}
	if bytes.Equal(empty, views[0].Color) {
		t.Fatal("the person changed nothing in the colour image")
	}
	if _, err := New(Params{Cameras: 2, Resolution: "8k"}); err == nil {
		t.Fatal("unknown resolution accepted")
	}
}
