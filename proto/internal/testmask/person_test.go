package testmask

import "testing"

func TestPerson(t *testing.T) {
	t.Parallel()
	tests := []struct{ w, h int }{{1920, 1080}, {3840, 2160}, {1921, 1079}, {64, 48}}
	for _, tc := range tests {
		pix := Person(tc.w, tc.h)
		if len(pix) != tc.w*tc.h {
			t.Fatalf("%dx%d: %d bytes", tc.w, tc.h, len(pix))
		}
		box, ok := Bounds(pix, tc.w, tc.h)
		if !ok {
			t.Fatalf("%dx%d: no person drawn", tc.w, tc.h)
		}
		// The figure stands in the middle and fills most of the height,
		// without touching the frame.
		height := float64(box.MaxY-box.MinY) / float64(tc.h)
		if height < 0.8 || height > 0.95 || box.MinX == 0 || box.MaxX == tc.w {
			t.Errorf("%dx%d: person bounds %+v", tc.w, tc.h, box)
		}
	}
}

// TestPersonHasHoles checks that the rows through the hands cross both
// arms and the body apart, which exercises rows with several runs.
func TestPersonHasHoles(t *testing.T) {
	t.Parallel()
	const w, h = 1920, 1080
	pix := Person(w, h)
	row := pix[560*w : 561*w]
	runs := 0
	for x := range w {
		if row[x] != 0 && (x == 0 || row[x-1] == 0) {
			runs++
		}
	}
	if runs != 3 {
		t.Errorf("row 560 has %d inside runs, want 3 (arm, body, arm)", runs)
	}
}

func TestPatterns(t *testing.T) {
	t.Parallel()
	c := Checkerboard(3, 2)
	if want := []uint8{255, 0, 255, 0, 255, 0}; string(c) != string(want) {
		t.Errorf("Checkerboard(3, 2) = %v, want %v", c, want)
	}
	a, b := Noise(50, 50, 0.5, 9), Noise(50, 50, 0.5, 9)
	if string(a) != string(b) {
		t.Error("Noise with the same seed differs")
	}
	inside := 0
	for _, v := range a {
		if v != 0 {
			inside++
		}
	}
	if inside < 1000 || inside > 1500 {
		t.Errorf("Noise(p=0.5) set %d of 2500 pixels", inside)
	}
	if _, ok := Bounds(make([]uint8, 12), 4, 3); ok {
		t.Error("Bounds of an empty image reports a box")
	}
	crop := Crop([]uint8{1, 2, 3, 4, 5, 6}, 3, Rect{1, 0, 3, 2})
	if want := []uint8{2, 3, 5, 6}; string(crop) != string(want) {
		t.Errorf("Crop = %v, want %v", crop, want)
	}
}
