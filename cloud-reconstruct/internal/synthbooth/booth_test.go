package synthbooth

import (
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/wire"
)

func TestFramesDecodeAgainstTheRig(t *testing.T) {
	t.Parallel()
	b, err := New(Params{BoothID: "booth-a", Cameras: 3, Scale: 0.25, Frames: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if c := b.Rig.Cameras[0]; c.Width != 320 || c.Height != 180 {
		t.Fatalf("camera is %dx%d", c.Width, c.Height)
	}
	r, err := rig.Parse(b.RigFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wire.Encode(b.Hello()); err != nil {
		t.Fatalf("hello: %v", err)
	}
	for seq := uint64(1); seq <= 3; seq++ {
		env := b.Frame(seq, 1000, 5000)
		raw, err := wire.Encode(env)
		if err != nil {
			t.Fatal(err)
		}
		back, err := wire.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := frameset.Decode(back.GetFrameSet(), r)
		if err != nil {
			t.Fatal(err)
		}
		if fs.Sequence != seq || len(fs.Views) != 3 || len(fs.Missing) != 0 || !fs.Views[0].HasColor() {
			t.Fatalf("frame %d: %+v", seq, fs)
		}
		inside := 0
		for _, p := range fs.Views[0].Mask.Pix {
			if p != 0 {
				inside++
			}
		}
		if inside == 0 {
			t.Fatal("the person is not in the mask")
		}
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	for _, p := range []Params{{}, {BoothID: "a", Scale: 2}, {BoothID: "a", Resolution: "99p"}} {
		if _, err := New(p); err == nil {
			t.Fatalf("accepted %+v", p)
		}
	}
}
