package segment

import (
	"errors"
	"image"
	"math/rand/v2"
	"testing"

	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/synth"
)

// learnAndSegment learns the empty booth, then segments the person at each
// time and returns every camera's full-size mask IoU against the truth.
func learnAndSegment(t testing.TB, p Params, bp synthbooth.Params, times []float64) [][]float64 {
	t.Helper()
	b, err := synthbooth.New(bp)
	if err != nil {
		t.Fatal(err)
	}
	r := b.Rig()
	segs := make([]*Segmenter, len(r.Cameras))
	for i, c := range r.Cameras {
		if segs[i], err = New(p, uint32(c.ID), c.Width, c.Height); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(segs[i].Close)
	}
	for k := 0; !segs[0].Ready(); k++ {
		views, _, err := b.Render(float64(k)/30, false)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range views {
			if _, err := segs[i].Learn(v.Color); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out [][]float64
	for _, ft := range times {
		views, _, err := b.Render(ft, true)
		if err != nil {
			t.Fatal(err)
		}
		ious := make([]float64, len(views))
		for i, v := range views {
			res, err := segs[i].Segment(v.Color)
			if err != nil {
				t.Fatal(err)
			}
			if res.Area == 0 || res.Box.Empty() {
				t.Fatalf("camera %d at %gs: nobody found", i, ft)
			}
			full := make([]byte, v.Width*v.Height)
			if err := segs[i].FullMask(full); err != nil {
				t.Fatal(err)
			}
			if ious[i], err = metrics.MaskIoU(full, v.Mask); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, ious)
	}
	return out
}

func TestMaskIoUOnTheSyntheticBooth(t *testing.T) {
	t.Parallel()
	realism := synth.Realism{Noise: 3, Exposure: 0.05, Jitter: 0.002}
	cases := map[string]struct {
		p   Params
		res string
		min float64
	}{
		"plate 720p, auto downscale (1)":  {Params{}, "720p", 0.97},
		"plate 1080p, auto downscale (2)": {Params{}, "1080p", 0.97},
		"mog2 720p":                       {Params{Method: MOG2, PlateFrames: 20}, "720p", 0.80},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := learnAndSegment(t, tc.p, synthbooth.Params{Cameras: 4, Resolution: tc.res, Seed: 2, Motion: "waving", Background: true, Realism: realism}, []float64{0.7})
			for cam, iou := range got[0] {
				t.Logf("camera %d IoU %.4f", cam, iou)
				if iou < tc.min {
					t.Errorf("camera %d: IoU %.4f below %.2f", cam, iou, tc.min)
				}
			}
		})
	}
}

func TestShadowIsBackground(t *testing.T) {
	t.Parallel()
	const w, h = 64, 48
	bg := make([]byte, 3*w*h)
	for i := 0; i < w*h; i++ {
		bg[3*i], bg[3*i+1], bg[3*i+2] = 180, 170, 150
	}
	s, err := New(Params{Downscale: 1, PlateFrames: 2, MinBlobFraction: 0.001, ShadowMin: 0.6, OpenRadius: -1, CloseRadius: -1}, 3, w, h)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Segment(bg); !errors.Is(err, ErrNoPlate) {
		t.Fatalf("segment before learning: %v", err)
	}
	for !s.Ready() {
		if _, err := s.Learn(bg); err != nil {
			t.Fatal(err)
		}
	}
	img := append([]byte(nil), bg...)
	paint := func(x0, y0, x1, y1 int, f func(p []byte)) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				f(img[3*(y*w+x) : 3*(y*w+x)+3])
			}
		}
	}
	// A shadow: the background at 70% brightness, same chroma.
	paint(0, 0, 30, 48, func(p []byte) {
		for k := range p {
			p[k] = byte(float64(p[k]) * 0.7)
		}
	})
	// A person: a blue block.
	paint(40, 10, 56, 40, func(p []byte) { p[0], p[1], p[2] = 40, 60, 160 })
	res, err := s.Segment(img)
	if err != nil {
		t.Fatal(err)
	}
	if res.Box.Min.X != 40 || res.Box.Max.X != 56 || res.Box.Min.Y != 10 || res.Box.Max.Y != 40 {
		t.Fatalf("box %v, want the blue block (40,10)-(56,40) and no shadow", res.Box)
	}
	if res.Area != 16*30 {
		t.Fatalf("area %d, want %d", res.Area, 16*30)
	}
}

func TestChromaKey(t *testing.T) {
	t.Parallel()
	const w, h = 80, 60
	img := make([]byte, 3*w*h)
	for i := 0; i < w*h; i++ {
		x, y := i%w, i/w
		if x >= 20 && x < 40 && y >= 5 && y < 55 {
			img[3*i], img[3*i+1], img[3*i+2] = 200, 150, 120 // skin
		} else {
			img[3*i], img[3*i+1], img[3*i+2] = 10, 170+uint8(y%7), 60 // green screen, uneven
		}
	}
	s, err := New(Params{Method: ChromaKey, Downscale: 1, OpenRadius: -1, CloseRadius: -1}, 0, w, h)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Segment(img)
	if err != nil {
		t.Fatal(err)
	}
	if res.Area != 20*50 || res.Box.Min.X != 20 || res.Box.Max.Y != 55 {
		t.Fatalf("area %d box %v, want the 20x50 block", res.Area, res.Box)
	}
}

func TestSmallBlobsDroppedAndHolesFilled(t *testing.T) {
	t.Parallel()
	const w, h = 100, 100
	bg := make([]byte, 3*w*h)
	for i := range bg {
		bg[i] = 128
	}
	s, err := New(Params{Downscale: 1, PlateFrames: 1, OpenRadius: -1, CloseRadius: -1, MinBlobFraction: 0.01, MaxHoleFraction: 0.01}, 0, w, h)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Learn(bg); err != nil {
		t.Fatal(err)
	}
	img := append([]byte(nil), bg...)
	set := func(x, y int, v byte) { img[3*(y*w+x)] = v }
	for y := 20; y < 80; y++ { // a 40x60 body with a 5x5 hole
		for x := 30; x < 70; x++ {
			if x >= 40 && x < 45 && y >= 40 && y < 45 {
				continue
			}
			set(x, y, 250)
		}
	}
	for y := 2; y < 6; y++ { // a 4x4 speck (16 px < 1% of 10000)
		for x := 2; x < 6; x++ {
			set(x, y, 250)
		}
	}
	res, err := s.Segment(img)
	if err != nil {
		t.Fatal(err)
	}
	if res.Area != 40*60 || res.Box.Min.X != 30 || res.Box.Min.Y != 20 {
		t.Fatalf("area %d box %v, want 2400 (hole filled, speck dropped)", res.Area, res.Box)
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	bad := map[string]Params{
		"method":    {Method: "magic"},
		"downscale": {Downscale: 9},
		"frames":    {PlateFrames: 300},
		"shadow":    {ShadowMin: 1.5},
		"radius":    {OpenRadius: 40},
		"blob":      {MinBlobFraction: 2},
	}
	for name, p := range bad {
		if _, err := p.WithDefaults(); !errors.Is(err, ErrParams) {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if _, err := New(Params{}, 0, 1, 1); err != nil {
		t.Errorf("1x1 image at downscale 1: %v", err)
	}
	s, err := New(Params{Downscale: 1}, 7, 8, 8)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close() // twice is safe
	if _, err := s.Learn(make([]byte, 3*64)); !errors.Is(err, ErrFrame) {
		t.Fatalf("learn after close: %v", err)
	}
	s2, _ := New(Params{Downscale: 1}, 7, 8, 8)
	defer s2.Close()
	if _, err := s2.Learn(make([]byte, 5)); !errors.Is(err, ErrFrame) {
		t.Fatalf("short frame: %v", err)
	}
	for w, want := range map[int]int{1280: 2, 1920: 2, 3840: 4, 640: 1, 960: 1, 961: 2, 2560: 3, 20000: 8} {
		if got := AutoDownscale(w); got != want {
			t.Errorf("AutoDownscale(%d) = %d, want %d", w, got, want)
		}
	}
}

// Someone crossing the booth while the plate is learned restarts it, so
// they are not learned into the background; noise and a small exposure
// change do not.
func TestPlateRestartsWhenTheSceneMoves(t *testing.T) {
	t.Parallel()
	const w, h = 64, 48
	rng := rand.New(rand.NewPCG(1, 2))
	frame := func(gain float64, block bool) []byte {
		img := make([]byte, 3*w*h)
		for i := 0; i < w*h; i++ {
			x, y := i%w, i/w
			c := [3]float64{150, 140, 120}
			if block && x >= 20 && x < 44 && y >= 10 && y < 40 {
				c = [3]float64{40, 60, 160}
			}
			for k := range 3 {
				img[3*i+k] = byte(min(255, c[k]*gain+float64(rng.IntN(7)-3)))
			}
		}
		return img
	}
	s, err := New(Params{Downscale: 1, PlateFrames: 4, OpenRadius: -1, CloseRadius: -1, RegionRadius: -1}, 5, w, h)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	learn := func(img []byte) error {
		_, err := s.Learn(img)
		return err
	}
	for _, g := range []float64{1, 1.05} { // a little exposure drift
		if err := learn(frame(g, false)); err != nil {
			t.Fatalf("an empty frame: %v", err)
		}
	}
	if err := learn(frame(1, true)); !errors.Is(err, ErrSceneMoved) || s.Ready() {
		t.Fatalf("someone walked in: %v, ready %v; want ErrSceneMoved and not ready", err, s.Ready())
	}
	// They leave: the plate starts again from the empty booth.
	if err := learn(frame(1, false)); !errors.Is(err, ErrSceneMoved) {
		t.Fatalf("they left: %v, want ErrSceneMoved", err)
	}
	for !s.Ready() {
		if err := learn(frame(1, false)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Segment(frame(1, true))
	if err != nil {
		t.Fatal(err)
	}
	if res.Area != 24*30 || res.Box != image.Rect(20, 10, 44, 40) {
		t.Fatalf("area %d box %v, want the whole block 24x30 at (20,10): the plate holds part of it", res.Area, res.Box)
	}
	// A booth that never stays still (a screen in view) still gets a
	// plate after a bounded number of restarts.
	busy, err := New(Params{Downscale: 1, PlateFrames: 2, OpenRadius: -1, CloseRadius: -1}, 6, w, h)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for i := 0; !busy.Ready(); i++ {
		if i > 100 {
			t.Fatal("no plate after 100 frames of a booth that keeps changing")
		}
		_, _ = busy.Learn(frame(1, i%2 == 0))
	}
	// Turned off, the same crossing goes into the plate.
	off, err := New(Params{Downscale: 1, PlateFrames: 4, OpenRadius: -1, CloseRadius: -1, PlateMotionFraction: -1}, 5, w, h)
	if err != nil {
		t.Fatal(err)
	}
	defer off.Close()
	for _, img := range [][]byte{frame(1, false), frame(1, true), frame(1, false), frame(1, false)} {
		if _, err := off.Learn(img); err != nil {
			t.Fatal(err)
		}
	}
	if !off.Ready() {
		t.Fatal("with the test off the plate is learned from any 4 frames")
	}
	if _, err := New(Params{PlateMotionFraction: 1.5}, 5, w, h); !errors.Is(err, ErrParams) {
		t.Fatalf("plate motion fraction 1.5: %v", err)
	}
}
