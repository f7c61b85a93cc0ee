package source

import (
	"context"
	"errors"
	"image"
	"image/color"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"gocv.io/x/gocv"

	"cloudme.dev/booth-capture/internal/config"
)

// writeAVI writes an MJPG video of n frames, frame i a solid grey of
// level 20*i, so a frame read back tells its index.
func writeAVI(t *testing.T, n, w, h int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cam.avi")
	vw, err := gocv.VideoWriterFile(path, "MJPG", 25, w, h, true)
	if err != nil {
		t.Fatal(err)
	}
	defer vw.Close()
	for i := 0; i < n; i++ {
		m := gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC3)
		v := float64(20 * (i + 1))
		m.SetTo(gocv.NewScalar(v, v, v, 0))
		gocv.Rectangle(&m, image.Rect(0, 0, 4, 4), color.RGBA{R: 255, A: 255}, -1) // red, stored B,G,R
		if err := vw.Write(m); err != nil {
			t.Fatal(err)
		}
		_ = m.Close()
	}
	return path
}

func level(pix []byte, w int) int { return int(pix[3*(w*10+10)]) }

func TestFileSource(t *testing.T) {
	t.Parallel()
	path := writeAVI(t, 3, 64, 48)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, loop := range []bool{false, true} {
		// 10 fps: the file is paced and skips frames when the reader is late,
		// so leave a loaded machine 100 ms of slack per frame.
		cam := config.Camera{ID: 5, Source: "file://" + path, Loop: loop, FPS: 10}
		s, err := openCapture(cam, config.SourceURI{Kind: config.File, Path: path})
		if err != nil {
			t.Fatal(err)
		}
		var levels []int
		var err2 error
		t0 := time.Now()
		for i := 0; i < 5; i++ {
			f, err := s.Read(ctx)
			if err != nil {
				err2 = err
				break
			}
			if err := f.Check(); err != nil || f.CameraID != 5 || f.Width != 64 || f.CaptureNs < t0.UnixNano() {
				t.Fatalf("%+v %v", f.CameraID, err)
			}
			if f.Pix[0] < 200 || f.Pix[2] > 60 { // red first in RGB
				t.Fatalf("corner %v: not converted to RGB", f.Pix[:3])
			}
			levels = append(levels, level(f.Pix, 64))
		}
		_ = s.Close()
		_ = s.Close()
		if !loop {
			if len(levels) != 3 || !errors.Is(err2, ErrEOF) {
				t.Fatalf("no loop: levels %v, err %v", levels, err2)
			}
			continue
		}
		wrapped := false
		for i := 1; i < len(levels); i++ {
			wrapped = wrapped || levels[i] < levels[i-1]
		}
		if len(levels) != 5 || !wrapped || err2 != nil {
			t.Fatalf("loop: levels %v err %v", levels, err2)
		}
	}
}

func TestFilePacingDrops(t *testing.T) {
	t.Parallel()
	path := writeAVI(t, 10, 32, 24)
	s, err := openCapture(config.Camera{ID: 1, FPS: 100}, config.SourceURI{Kind: config.File, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Read(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(55 * time.Millisecond) // five periods behind: latest wins
	f, err := s.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Dropped() < 3 || level(f.Pix, 32) < 20*5 {
		t.Fatalf("dropped %d, level %d", s.Dropped(), level(f.Pix, 32))
	}
}

func TestCaptureOpenFails(t *testing.T) {
	t.Parallel()
	_, err := openCapture(config.Camera{ID: 2}, config.SourceURI{Kind: config.File, Path: "/nonexistent/x.avi"})
	if !errors.Is(err, ErrOpen) {
		t.Fatal(err)
	}
}

// Two files of a recorded rig, opened at different moments, show their
// frames at the same instants (multiples of the period on the wall
// clock) and are stamped with them, so the synchronizer sees them as
// one genlocked rig.
func TestFilesShareTheClockGrid(t *testing.T) {
	t.Parallel()
	path := writeAVI(t, 10, 32, 24)
	const fps = 50
	period := int64(time.Second / fps)
	a, err := openCapture(config.Camera{ID: 1, FPS: fps}, config.SourceURI{Kind: config.File, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	time.Sleep(7 * time.Millisecond) // the second camera opens later
	b, err := openCapture(config.Camera{ID: 2, FPS: fps}, config.SourceURI{Kind: config.File, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	var sa, sb []int64
	for range 4 {
		fa, err := a.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fb, err := b.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sa, sb = append(sa, fa.CaptureNs), append(sb, fb.CaptureNs)
	}
	for i := range sa {
		if sa[i]%period != 0 || sb[i]%period != 0 {
			t.Fatalf("stamps off the %d ms grid: %v %v", period/1e6, sa, sb)
		}
		if i > 0 && (sa[i] <= sa[i-1] || sb[i] <= sb[i-1]) {
			t.Fatalf("stamps not increasing: %v %v", sa, sb)
		}
	}
	// Both show a frame at the same grid instants (b may start one
	// instant later, if a grid line fell between the two opens), unless
	// one fell behind and skipped (counted as dropped).
	shared := 0
	for _, s := range sb {
		if slices.Contains(sa, s) {
			shared++
		}
	}
	if a.Dropped() == 0 && b.Dropped() == 0 && shared < len(sb)-1 {
		t.Fatalf("files opened 7 ms apart show their frames at different instants: %v vs %v", sa, sb)
	}
}
