package cvx

import (
	"bytes"
	"errors"
	"image"
	"sync"
	"testing"

	"gocv.io/x/gocv"

	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/synth"
)

// frames are real test images: one synthetic booth camera at 720p, empty
// and with the person, noise and exposure on.
type frames struct {
	w, h         int
	empty, human []byte
}

var (
	framesOnce sync.Once
	framesVal  frames
	framesErr  error
)

func testFrames(t testing.TB) frames {
	t.Helper()
	framesOnce.Do(func() {
		b, err := synthbooth.New(synthbooth.Params{Cameras: 1, Resolution: "720p", Seed: 3, Background: true,
			Realism: synth.Realism{Noise: 3, Exposure: 0.05, Jitter: 0.002}})
		if err != nil {
			framesErr = err
			return
		}
		e, _, err := b.Render(0.1, false)
		if err != nil {
			framesErr = err
			return
		}
		framesVal = frames{w: e[0].Width, h: e[0].Height, empty: bytes.Clone(e[0].Color)} // Render reuses its buffers
		p, _, err := b.Render(0.7, true)
		if err != nil {
			framesErr = err
			return
		}
		framesVal.human = bytes.Clone(p[0].Color)
	})
	if framesErr != nil {
		t.Fatal(framesErr)
	}
	return framesVal
}

// crop cuts the top-left w x h of an RGB image of width fw.
func crop(rgb []byte, fw, w, h int) []byte {
	out := make([]byte, 0, 3*w*h)
	for y := 0; y < h; y++ {
		out = append(out, rgb[3*y*fw:3*(y*fw+w)]...)
	}
	return out
}

// testPlate builds a plate from the empty frame downscaled by d, with
// thresholds that vary per pixel so that every lookup is exercised.
func testPlate(t testing.TB, empty []byte, w, h, d, radius int) *Plate {
	t.Helper()
	work := refDownscale(empty, w, h, d)
	n := len(work) / 3
	p := &Plate{Mean: make([]byte, 3*n), Bright: make([]byte, n), Chroma: make([]byte, n), Shadow: make([]byte, n),
		Radius: radius, RegionSum: 12 * (2*radius + 1) * (2*radius + 1), Weak: 6}
	if err := RGBToYCrCb(work, p.Mean); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		h := uint32(i) * 2654435761
		p.Bright[i] = byte(16 + h>>28)
		p.Chroma[i] = byte(10 + (h>>24)&15)
		p.Shadow[i] = byte(int(p.Mean[3*i]) * 15 / 100)
	}
	return p
}

func TestRGBToYCrCbMatchesOpenCV(t *testing.T) {
	t.Parallel()
	f := testFrames(t)
	got := make([]byte, len(f.human))
	if err := RGBToYCrCb(f.human, got); err != nil {
		t.Fatal(err)
	}
	src, err := gocv.NewMatFromBytes(f.h, f.w, gocv.MatTypeCV8UC3, f.human)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst := gocv.NewMat()
	defer dst.Close()
	gocv.CvtColor(src, &dst, gocv.ColorRGBToYCrCb)
	want, _ := dst.DataPtrUint8()
	if !bytes.Equal(got, want) {
		t.Fatal("YCrCb differs from OpenCV's")
	}
}

func TestDownscale(t *testing.T) { testDownscale(t) }

func testDownscale(t *testing.T) {
	f := testFrames(t)
	var s Scratch
	for _, tc := range []struct{ w, h, d int }{
		{f.w, f.h, 1}, {f.w, f.h, 2}, {f.w, f.h, 4}, {1001, 701, 2}, {1001, 701, 3}, {999, 10, 8}, {2, 2, 2},
	} {
		rgb := crop(f.human, f.w, tc.w, tc.h)
		ww, wh := WorkSize(tc.w, tc.h, tc.d)
		got := make([]byte, 3*ww*wh)
		if err := Downscale(rgb, tc.w, tc.h, tc.d, got, &s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, refDownscale(rgb, tc.w, tc.h, tc.d)) {
			t.Errorf("%dx%d / %d: differs from the Go reference", tc.w, tc.h, tc.d)
		}
	}
	// At exactly half, OpenCV's bilinear resize averages each 2x2 block
	// with the same rounding: the segmenter's old downscale, bit for bit.
	src, err := gocv.NewMatFromBytes(f.h, f.w, gocv.MatTypeCV8UC3, f.human)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst := gocv.NewMat()
	defer dst.Close()
	gocv.Resize(src, &dst, image.Pt(f.w/2, f.h/2), 0, 0, gocv.InterpolationLinear)
	want, _ := dst.DataPtrUint8()
	got := make([]byte, len(want))
	if err := Downscale(f.human, f.w, f.h, 2, got, &s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("half scale differs from OpenCV's bilinear resize")
	}
}

// TestPlainLoops runs the exact tests with the hand-written SIMD paths
// off: the plain loops behind them are what a CPU without them runs. Not
// parallel: the switch is global.
func TestPlainLoops(t *testing.T) {
	setSIMD(false)
	defer setSIMD(true)
	t.Run("downscale", testDownscale)
	t.Run("plate diff", testPlateDiffMatchesReference)
}

func TestPlateDiffMatchesReference(t *testing.T) {
	testPlateDiffMatchesReference(t)
}

func testPlateDiffMatchesReference(t *testing.T) {
	f := testFrames(t)
	var s Scratch
	for _, tc := range []struct{ w, h, d, radius int }{
		{f.w, f.h, 1, 2}, {f.w, f.h, 2, 2}, {f.w, f.h, 2, 0}, {1001, 701, 3, 1}, {640, 360, 4, 5}, {9, 7, 1, 6},
	} {
		empty, human := crop(f.empty, f.w, tc.w, tc.h), crop(f.human, f.w, tc.w, tc.h)
		p := testPlate(t, empty, tc.w, tc.h, tc.d, tc.radius)
		ww, wh := WorkSize(tc.w, tc.h, tc.d)
		work, mask := make([]byte, 3*ww*wh), make([]byte, ww*wh)
		box, err := PlateDiff(human, tc.w, tc.h, tc.d, p, work, mask, &s)
		if err != nil {
			t.Fatal(err)
		}
		rw, rm, _ := refPlateDiff(human, tc.w, tc.h, tc.d, p)
		fg := 0
		var rbox image.Rectangle
		for i, v := range rm {
			if v != 0 {
				fg++
				rbox = rbox.Union(image.Rect(i%ww, i/ww, i%ww+1, i/ww+1))
			}
		}
		t.Logf("%dx%d / %d, radius %d: %d foreground work pixels of %d in %v", tc.w, tc.h, tc.d, tc.radius, fg, ww*wh, box)
		if !bytes.Equal(work, rw) || !bytes.Equal(mask, rm) || box != rbox {
			t.Errorf("%dx%d / %d, radius %d: work %v, mask %v equal to the Go reference; box %v, want %v", tc.w, tc.h, tc.d, tc.radius,
				bytes.Equal(work, rw), bytes.Equal(mask, rm), box, rbox)
		}
		if tc.w == f.w && (fg == 0 || fg == ww*wh) {
			t.Errorf("%d foreground pixels: the test image does not exercise the test", fg)
		}
	}
}

func TestBadSizes(t *testing.T) {
	t.Parallel()
	var s Scratch
	rgb := make([]byte, 3*8*6)
	p := &Plate{Mean: make([]byte, 3*4*3), Bright: make([]byte, 12), Chroma: make([]byte, 12), Shadow: make([]byte, 12)}
	for name, err := range map[string]error{
		"downscale short rgb": Downscale(rgb[:10], 8, 6, 2, make([]byte, 36), &s),
		"downscale work":      Downscale(rgb, 8, 6, 2, make([]byte, 35), &s),
		"downscale factor":    Downscale(rgb, 8, 6, 9, make([]byte, 0), &s),
		"ycc":                 RGBToYCrCb(rgb, make([]byte, 5)),
		"plate mask":          second(PlateDiff(rgb, 8, 6, 2, p, make([]byte, 36), make([]byte, 11), &s)),
		"plate size":          second(PlateDiff(rgb, 8, 6, 2, &Plate{Mean: make([]byte, 35), Bright: p.Bright, Chroma: p.Chroma, Shadow: p.Shadow}, make([]byte, 36), make([]byte, 12), &s)),
		"plate radius":        second(PlateDiff(rgb, 8, 6, 2, &Plate{Mean: p.Mean, Bright: p.Bright, Chroma: p.Chroma, Shadow: p.Shadow, Radius: 65}, make([]byte, 36), make([]byte, 12), &s)),
		"cleanup":             second(CleanUp(make([]byte, 10), 4, 3, image.Rect(0, 0, 4, 3), CleanUpParams{}, &s)),
		"refine":              Refine(make([]byte, 12), 4, 3, 2, image.Rect(0, 0, 4, 3), rgb, 8, 6, &FullPlate{}, make([]byte, 48)),
	} {
		if !errors.Is(err, ErrSize) {
			t.Errorf("%s: got %v, want ErrSize", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }
