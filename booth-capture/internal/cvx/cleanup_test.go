package cvx

import (
	"bytes"
	"image"
	"testing"
)

// testMask is the plate test's raw mask of the test person at 1/2 scale,
// with speckle sprinkled over the background and holes punched into the
// person, so that the clean-up has specks to drop and holes to fill.
func testMask(t testing.TB) ([]byte, int, int) {
	t.Helper()
	f := testFrames(t)
	const d = 2
	p := testPlate(t, f.empty, f.w, f.h, d, 2)
	_, mask, _ := refPlateDiff(f.human, f.w, f.h, d, p)
	ww, wh := f.w/d, f.h/d
	for i := 0; i < 400; i++ {
		h := uint32(i+1) * 2654435761
		x, y := int(h%uint32(ww)), int((h>>12)%uint32(wh))
		for dy := 0; dy < 1+i%4; dy++ { // specks of 1 to 4 rows, 2 wide
			for dx := 0; dx < 2; dx++ {
				if x+dx < ww && y+dy < wh {
					v := byte(255)
					if i%3 == 0 {
						v = 0 // and some holes
					}
					mask[(y+dy)*ww+x+dx] = v
				}
			}
		}
	}
	return mask, ww, wh
}

func TestCleanUpMatchesWholeImage(t *testing.T) {
	t.Parallel()
	person, ww, wh := testMask(t)
	// A blob touching the image's corner: the box reaches the border.
	corner := make([]byte, len(person))
	for y := 0; y < 40; y++ {
		for x := 0; x < 30; x++ {
			corner[y*ww+x] = 255
		}
	}
	corner[10*ww+10] = 0 // a hole
	corner[(wh-1)*ww+ww-1] = 255
	specks := make([]byte, len(person)) // 2 pixels wide: an opening removes them
	for i := 0; i < 300; i++ {
		h := uint32(i+7) * 2654435761
		x, y := int(h%uint32(ww-2)), int((h>>12)%uint32(wh-4))
		for dy := 0; dy < 4; dy++ {
			specks[(y+dy)*ww+x], specks[(y+dy)*ww+x+1] = 255, 255
		}
	}
	var s Scratch
	for _, tc := range []struct {
		name string
		mask []byte
		p    CleanUpParams
	}{
		{"defaults", person, CleanUpParams{OpenRadius: 1, CloseRadius: 2, MinBlob: 460, MaxHole: 230}},
		{"wide kernels", person, CleanUpParams{OpenRadius: 3, CloseRadius: 6, MinBlob: 100, MaxHole: 1000}},
		{"no morphology", person, CleanUpParams{MinBlob: 50, MaxHole: 40}},
		{"no holes filled", person, CleanUpParams{OpenRadius: 1, CloseRadius: 2, MinBlob: 460}},
		{"corner", corner, CleanUpParams{OpenRadius: 1, CloseRadius: 2, MinBlob: 10, MaxHole: 50}},
		{"empty", make([]byte, len(person)), CleanUpParams{OpenRadius: 1, CloseRadius: 2, MinBlob: 10, MaxHole: 50}},
		{"only specks", corner, CleanUpParams{MinBlob: 100000}},
		{"specks opened away", specks, CleanUpParams{OpenRadius: 1, CloseRadius: 2, MinBlob: 1, MaxHole: 50}},
		{"specks kept", specks, CleanUpParams{CloseRadius: 1, MinBlob: 1, MaxHole: 50}},
	} {
		want, wbox, warea, err := refCleanUp(tc.mask, ww, wh, tc.p)
		if err != nil {
			t.Fatal(err)
		}
		got := bytes.Clone(tc.mask)
		b, err := CleanUp(got, ww, wh, image.Rect(0, 0, ww, wh), tc.p, &s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: box %v area %d", tc.name, b.Box, b.Area)
		if b.Box != wbox || b.Area != warea || !bytes.Equal(got, want) {
			t.Errorf("%s: box %v area %d, whole image gives %v %d; masks equal %v", tc.name, b.Box, b.Area, wbox, warea, bytes.Equal(got, want))
		}
	}
}

func TestRefineMatchesReference(t *testing.T) {
	t.Parallel()
	f := testFrames(t)
	for _, tc := range []struct{ w, h, d int }{{f.w, f.h, 2}, {1001, 701, 2}, {1001, 701, 3}, {f.w, f.h, 4}} {
		empty, human := crop(f.empty, f.w, tc.w, tc.h), crop(f.human, f.w, tc.w, tc.h)
		p := testPlate(t, empty, tc.w, tc.h, tc.d, 2)
		ww, wh := WorkSize(tc.w, tc.h, tc.d)
		_, mask, _ := refPlateDiff(human, tc.w, tc.h, tc.d, p)
		var s Scratch
		b, err := CleanUp(mask, ww, wh, image.Rect(0, 0, ww, wh), CleanUpParams{OpenRadius: 1, CloseRadius: 2, MinBlob: ww * wh / 500, MaxHole: ww * wh / 1000}, &s)
		if err != nil {
			t.Fatal(err)
		}
		if b.Box.Empty() {
			t.Fatalf("%dx%d: nobody in the test image", tc.w, tc.h)
		}
		fp := &FullPlate{Mean: make([]byte, len(empty)), Bright: p.Bright, Chroma: p.Chroma, Shadow: p.Shadow}
		if err := RGBToYCrCb(empty, fp.Mean); err != nil {
			t.Fatal(err)
		}
		want := refRefine(mask, ww, wh, tc.d, human, tc.w, tc.h, fp)
		got := make([]byte, tc.w*tc.h)
		if err := Refine(mask, ww, wh, tc.d, b.Box.Inset(-1), human, tc.w, tc.h, fp, got); err != nil {
			t.Fatal(err)
		}
		changed := 0 // full-size pixels the re-test changed
		for y := 0; y < tc.h; y++ {
			for x := 0; x < tc.w; x++ {
				if want[y*tc.w+x] != mask[min(y/tc.d, wh-1)*ww+min(x/tc.d, ww-1)] {
					changed++
				}
			}
		}
		t.Logf("%dx%d / %d: box %v, %d pixels re-tested differently from the work mask", tc.w, tc.h, tc.d, b.Box, changed)
		if changed == 0 {
			t.Errorf("%dx%d: the re-test changed nothing; the test does not exercise it", tc.w, tc.h)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%dx%d / %d: differs from the whole-image reference", tc.w, tc.h, tc.d)
		}
	}
}

func TestCleanUpBoxIsInWorkPixels(t *testing.T) {
	t.Parallel()
	const w, h = 50, 40
	m := make([]byte, w*h)
	for y := 10; y < 30; y++ {
		for x := 20; x < 45; x++ {
			m[y*w+x] = 255
		}
	}
	var s Scratch
	b, err := CleanUp(m, w, h, image.Rect(15, 5, 50, 40), CleanUpParams{MinBlob: 5, MaxHole: 5}, &s)
	if err != nil {
		t.Fatal(err)
	}
	if b.Box != image.Rect(20, 10, 45, 30) || b.Area != 25*20 {
		t.Fatalf("box %v area %d, want (20,10)-(45,30) and 500", b.Box, b.Area)
	}
}
