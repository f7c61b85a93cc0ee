package synthbooth

import (
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/pb"
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

// JPEG colour crops decode to the raw crops' colours within what JPEG at
// quality 85 loses, and are several times smaller.
func TestJPEGColour(t *testing.T) {
	t.Parallel()
	raw, err := New(Params{BoothID: "a", Cameras: 2, Scale: 0.25, Frames: 1, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	jp, err := New(Params{BoothID: "a", Cameras: 2, Scale: 0.25, Frames: 1, Seed: 7, JPEGQuality: 85})
	if err != nil {
		t.Fatal(err)
	}
	r, err := rig.Parse(raw.RigFile)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := frameset.Decode(raw.Frame(1, 0, 0).GetFrameSet(), r)
	if err != nil {
		t.Fatal(err)
	}
	env := jp.Frame(1, 0, 0)
	fj, err := frameset.Decode(env.GetFrameSet(), r)
	if err != nil {
		t.Fatal(err)
	}
	for i := range fr.Views {
		a, b := fr.Views[i].Color, fj.Views[i].Color
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("view %d: %d raw colour bytes, %d from JPEG", i, len(a), len(b))
		}
		var se float64
		for k := range a {
			d := float64(a[k]) - float64(b[k])
			se += d * d
		}
		psnr := 10 * math.Log10(255*255/(se/float64(len(a))))
		if psnr < 22 {
			t.Errorf("view %d: JPEG colour PSNR %.1f dB, want >= 22 (a wrong channel order or offset gives far less)", i, psnr)
		}
		pv := env.GetFrameSet().Views[i]
		if pv.ColorCodec != pb.ColorCodec_COLOR_CODEC_JPEG || 3*len(pv.Color) > len(a) {
			t.Errorf("view %d: codec %v, %d bytes for %d raw", i, pv.ColorCodec, len(pv.Color), len(a))
		}
		t.Logf("view %d: PSNR %.1f dB, %d bytes (raw %d)", i, psnr, len(pv.Color), len(a))
	}
	if _, err := New(Params{BoothID: "a", JPEGQuality: 101}); err == nil {
		t.Fatal("accepted JPEG quality 101")
	}
}
