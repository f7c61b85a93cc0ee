package source

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/calibration/synth"
)

func TestSyntheticShared(t *testing.T) {
	t.Parallel()
	c := config.Demo(config.Synthetic{Cameras: 3, Resolution: "160x120", EmptyFor: 50 * time.Millisecond})
	c.FPS = 20
	f, err := NewFactory(c)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if r := f.Rig(); len(r.Cameras) != 3 || r.Cameras[0].Width != 160 || r.Cameras[0].Height != 120 || r.BoothID != "synthetic" {
		t.Fatalf("rig %+v", r.Cameras[0])
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var srcs []Source
	for id := uint32(0); id < 3; id++ {
		s, err := f.Open(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		srcs = append(srcs, s)
	}
	sawPerson := false
	for round := 0; round < 4; round++ {
		var ts []int64
		for i, s := range srcs {
			fr, err := s.Read(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := fr.Check(); err != nil || fr.CameraID != uint32(i) || fr.Truth == nil {
				t.Fatal(fr.CameraID, err)
			}
			for _, m := range fr.Truth {
				sawPerson = sawPerson || m != 0
			}
			ts = append(ts, fr.CaptureNs)
		}
		// One instant for all: capture times differ by the jitter only.
		for _, t1 := range ts {
			if d := t1 - ts[0]; d > int64(5*time.Millisecond) || d < -int64(5*time.Millisecond) {
				t.Fatalf("round %d: capture times %v", round, ts)
			}
		}
	}
	if !sawPerson {
		t.Fatal("the person never entered")
	}
	if _, err := f.Open(ctx, 7); !errors.Is(err, ErrCamera) {
		t.Fatal(err)
	}
}

func TestSyntheticRigSizes(t *testing.T) {
	t.Parallel()
	for _, res := range []string{"720p", "320x240"} {
		r, err := SyntheticRig("b", config.Synthetic{Cameras: 4, Resolution: res})
		if err != nil {
			t.Fatal(res, err)
		}
		c := r.Cameras[0]
		// The booth centre at chest height projects inside the image.
		px, depth := c.Project([3]float64{0, 1.2, 0})
		if depth <= 0 || !c.InImage(px) {
			t.Fatalf("%s: centre at %v", res, px)
		}
	}
}

func TestDirReplay(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "ds")
	r, err := SyntheticRig("ds", config.Synthetic{Cameras: 2, Resolution: "64x48"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := synth.NewPerson(synth.PersonParams{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b := &synth.Booth{Rig: r, Subject: p, Workers: 1}
	if err := synth.WriteDataset(dir, b, synth.Manifest{Frames: 2, FPS: 30}, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, loop := range []bool{false, true} {
		c := &config.Config{BoothID: "ds", FPS: 5, Cameras: []config.Camera{
			{ID: 0, Source: "dir://" + dir, Loop: loop}, {ID: 1, Source: "dir://" + dir}}}
		f, err := NewFactory(c)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.Open(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for ; n < 4; n++ {
			fr, err := s.Read(ctx)
			if err != nil {
				if loop || !errors.Is(err, ErrEOF) {
					t.Fatal(loop, err)
				}
				break
			}
			if fr.Check() != nil || fr.Width != 64 || fr.CameraID != 1 {
				t.Fatal(fr.Check())
			}
		}
		if (loop && n != 4) || (!loop && n != 2) {
			t.Fatalf("loop %v: %d frames", loop, n)
		}
		_ = s.Close()
		_ = f.Close()
		if _, err := f.Open(ctx, 1); !errors.Is(err, ErrClosed) {
			t.Fatal(err)
		}
	}
}

// With a step-in gate the synthetic person stays out after the empty time
// until the gate opens (the booth's plates are learned), then stays in.
func TestSyntheticStepInWaitsForTheGate(t *testing.T) {
	t.Parallel()
	c := config.Demo(config.Synthetic{Cameras: 2, Resolution: "160x120", EmptyFor: 10 * time.Millisecond})
	c.FPS = 50
	f, err := NewFactory(c)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var open atomic.Bool
	if !f.StepInWhen(open.Load) {
		t.Fatal("the synthetic factory refused a step-in gate")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := f.Open(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	person := func() bool {
		fr, err := s.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(fr.Truth, func(m uint8) bool { return m != 0 })
	}
	for i := 0; i < 10; i++ { // 200 ms, well past the empty time
		if person() {
			t.Fatalf("frame %d: the person stepped in before the gate opened", i)
		}
	}
	open.Store(true)
	in := false
	for i := 0; i < 10 && !in; i++ {
		in = person()
	}
	if !in {
		t.Fatal("the person did not step in once the gate opened")
	}
	open.Store(false)
	for i := 0; i < 5; i++ {
		if !person() {
			t.Fatalf("frame %d after entering: the person left when the gate closed", i)
		}
	}
}

// synthetic.replay: the empty booth is rendered live (with truth masks),
// then the person's pre-rendered instants come round in a loop, handed
// out without a copy and stamped when read.
func TestSyntheticReplay(t *testing.T) {
	t.Parallel()
	c := config.Demo(config.Synthetic{Cameras: 2, Resolution: "160x120", EmptyFor: 100 * time.Millisecond,
		Replay: 150 * time.Millisecond})
	c.FPS = 20 // 3 instants in the loop
	f, err := NewFactory(c)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := f.Open(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var empty []byte
	bufs := map[*byte]bool{}
	replayed := 0
	last := int64(0)
	for i := 0; i < 40 && replayed < 12; i++ {
		fr, err := s.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := fr.Check(); err != nil || fr.CameraID != 1 {
			t.Fatal(fr.CameraID, err)
		}
		// Stamped when read: recent, and later than the last frame but for
		// the cameras' jitter (2 ms by default).
		if fr.CaptureNs < last-int64(10*time.Millisecond) || time.Since(time.Unix(0, fr.CaptureNs)).Abs() > 5*time.Second {
			t.Fatalf("frame %d: capture time %d after %d", i, fr.CaptureNs, last)
		}
		last = fr.CaptureNs
		if fr.Truth != nil { // rendered live: the empty booth
			if slices.ContainsFunc(fr.Truth, func(m uint8) bool { return m != 0 }) {
				t.Fatalf("frame %d: a live frame with the person in it, with replay on", i)
			}
			if replayed > 0 {
				t.Fatalf("frame %d: a live frame after the replay began", i)
			}
			empty = fr.Pix
			continue
		}
		replayed++
		bufs[&fr.Pix[0]] = true
		if empty == nil {
			t.Fatal("the replay began before any empty frame")
		}
		diff := 0
		for j := range fr.Pix {
			if d := int(fr.Pix[j]) - int(empty[j]); d > 40 || d < -40 {
				diff++
			}
		}
		if diff < len(fr.Pix)/100 {
			t.Fatalf("replayed frame %d: only %d of %d bytes differ from the empty booth", replayed, diff, len(fr.Pix))
		}
	}
	if replayed < 12 {
		t.Fatalf("%d replayed frames", replayed)
	}
	if len(bufs) < 2 || len(bufs) > 3 {
		t.Fatalf("%d distinct replayed buffers, want 2 or 3 (a loop of 3 instants)", len(bufs))
	}
}
