package detect

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gocv.io/x/gocv"
)

func TestDetectFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.png")
	if err := os.WriteFile(junk, []byte("not a png"), 0o644); err != nil {
		t.Fatal(err)
	}
	blank := filepath.Join(dir, "blank.png")
	m := gocv.NewMatWithSize(120, 160, gocv.MatTypeCV8U)
	defer m.Close()
	if !gocv.IMWrite(blank, m) {
		t.Fatal("write blank image")
	}
	tests := []struct {
		name string
		path string
		det  Detector
		want error
	}{
		{"missing", filepath.Join(dir, "nope.png"), Detector{Cols: 9, Rows: 6}, ErrUnreadable},
		{"not-an-image", junk, Detector{Cols: 9, Rows: 6}, ErrUnreadable},
		{"no-board", blank, Detector{Cols: 9, Rows: 6}, ErrNoBoard},
		{"wrong-size-board", "testdata/opencv-chessboard-left/left01.jpg", Detector{Cols: 7, Rows: 7}, ErrNoBoard},
		{"bad-pattern", blank, Detector{Cols: 1, Rows: 6}, ErrNoBoard},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := tc.det.DetectFile(tc.path)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), filepath.Base(tc.path)) {
				t.Fatalf("err = %v, want %v naming the file", err, tc.want)
			}
		})
	}
}

func TestDetectEmptyMat(t *testing.T) {
	t.Parallel()
	m := gocv.NewMat()
	defer m.Close()
	if _, err := (Detector{Cols: 9, Rows: 6}).Detect(m); !errors.Is(err, ErrUnreadable) {
		t.Fatalf("err = %v", err)
	}
}

// TestOrientCanonical turns a real image by 180° and checks that the
// detected corners still start at the same physical corner.
func TestOrientCanonical(t *testing.T) {
	t.Parallel()
	img := gocv.IMRead("testdata/opencv-chessboard-left/left01.jpg", gocv.IMReadGrayScale)
	defer img.Close()
	rot := gocv.NewMat()
	defer rot.Close()
	gocv.Rotate(img, &rot, gocv.Rotate180Clockwise)
	d := Detector{Cols: 9, Rows: 6}
	a, err := d.Detect(img)
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.Detect(rot)
	if err != nil {
		t.Fatal(err)
	}
	w, h := float64(img.Cols()-1), float64(img.Rows()-1)
	for i := range a {
		// Pixel (x, y) goes to (w-x, h-y) under the turn.
		dx, dy := a[i][0]-(w-b[i][0]), a[i][1]-(h-b[i][1])
		if dx*dx+dy*dy > 0.25 {
			t.Fatalf("corner %d: %v vs turned %v", i, a[i], b[i])
		}
	}
}
