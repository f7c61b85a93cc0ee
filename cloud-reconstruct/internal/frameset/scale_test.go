package frameset

import (
	"bytes"
	"errors"
	"image"
	"math"
	"reflect"
	"testing"

	"cloudme.dev/proto/maskcodec"
)

// TestScaledCropView downscales a hand-made 64x48 mask and colour by 3
// (working image 21x16, the last full column left out) and checks every
// output byte.
func TestScaledCropView(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	const w, h = 64, 48
	full := maskcodec.New(w, h)
	rgb := make([]uint8, 3*w*h)
	set := func(x, y int) { full.Pix[y*w+x] = 255 }
	// Block (5,4), full x 15-17, y 12-14: 5 of 9 inside -> inside.
	for _, p := range [][2]int{{15, 12}, {16, 12}, {17, 12}, {15, 13}, {17, 14}} {
		set(p[0], p[1])
	}
	// Block (6,4): 4 of 9 -> outside.
	for _, p := range [][2]int{{18, 12}, {19, 13}, {20, 14}, {18, 14}} {
		set(p[0], p[1])
	}
	// Block (7,5): all 9 -> inside.
	for y := 15; y < 18; y++ {
		for x := 21; x < 24; x++ {
			set(x, y)
		}
	}
	// Column 63 is past the last whole block: never in the working image.
	for y := 0; y < h; y++ {
		set(63, y)
	}
	// Colour of block (5,4): red 0..8 (mean 4), green 10 but one 14 (94/9
	// = 10.44 -> 10), blue 200 but one 205 (1805/9 = 200.56 -> 201).
	k := 0
	for y := 12; y < 15; y++ {
		for x := 15; x < 18; x++ {
			o := 3 * (y*w + x)
			rgb[o], rgb[o+1], rgb[o+2] = uint8(k), 10, 200
			k++
		}
	}
	rgb[3*(13*w+16)+1], rgb[3*(14*w+17)+2] = 14, 205
	// Block (4,3), outside the mask but inside the crop's margin: its
	// colour is sent too. Red 255 (mean 255), green 0 and 1 alternating
	// (4/9 -> 0), blue one 255 and eight 0 (28.3 -> 28).
	k = 0
	for y := 9; y < 12; y++ {
		for x := 12; x < 15; x++ {
			o := 3 * (y*w + x)
			rgb[o], rgb[o+1] = 255, uint8(k%2)
			k++
		}
	}
	rgb[3*(9*w+12)+2] = 255

	v, err := ScaledCropView(r, 2, full, rgb, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Working box x 5-7, y 4-5, grown by 1: x 4-8, y 3-6 -> full (12,9)-(27,21).
	if v.Crop != image.Rect(12, 9, 27, 21) || v.Scale != 1.0/3 || v.Index != 1 {
		t.Fatalf("crop %v scale %v index %d", v.Crop, v.Scale, v.Index)
	}
	wantMask := []uint8{
		0, 0, 0, 0, 0,
		0, 255, 0, 0, 0,
		0, 0, 0, 255, 0,
		0, 0, 0, 0, 0,
	}
	if v.Mask.Width != 5 || v.Mask.Height != 4 || !bytes.Equal(v.Mask.Pix, wantMask) {
		t.Fatalf("mask %dx%d %v, want 5x4 %v", v.Mask.Width, v.Mask.Height, v.Mask.Pix, wantMask)
	}
	wantColor := make([]uint8, 3*5*4)
	copy(wantColor[0:], []uint8{255, 0, 28})         // working (4,3)
	copy(wantColor[3*(1*5+1):], []uint8{4, 10, 201}) // working (5,4)
	if !bytes.Equal(v.Color, wantColor) {
		t.Fatalf("colour %v, want %v", v.Color, wantColor)
	}
	fs := &FrameSet{Rig: r, Views: []View{v}}
	if err := fs.Check(); err != nil {
		t.Fatal(err)
	}
	// The mask coordinate of a full pixel centre: full (16, 13) is the
	// centre of block (5,4), mask pixel (1,1).
	if mx, my := v.MaskCoord(16, 13); math.Abs(mx-1) > 1e-12 || math.Abs(my-1) > 1e-12 {
		t.Fatalf("MaskCoord(16,13) = %v,%v, want 1,1", mx, my)
	}

	// Inside at the last whole block: the crop stops at the working
	// image's edge, full column 63 and the image's bottom left out.
	edge := maskcodec.New(w, h)
	for y := 45; y < 48; y++ {
		for x := 60; x < 64; x++ {
			edge.Pix[y*w+x] = 255
		}
	}
	v, err = ScaledCropView(r, 1, edge, nil, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if v.Crop != image.Rect(57, 42, 63, 48) || !bytes.Equal(v.Mask.Pix, []uint8{0, 0, 0, 255}) || v.HasColor() {
		t.Fatalf("edge: crop %v mask %v colour %d bytes", v.Crop, v.Mask.Pix, len(v.Color))
	}

	// Only slivers under half a block (and the left-out column): nobody in
	// the working image, so the whole working image, empty, no colour.
	sliver := maskcodec.New(w, h)
	for y := 0; y < h; y++ {
		sliver.Pix[y*w+63] = 255
		sliver.Pix[y*w+30] = 255
	}
	v, err = ScaledCropView(r, 1, sliver, rgb, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if v.Crop != image.Rect(0, 0, 63, 48) || v.Mask.Width != 21 || v.Mask.Height != 16 || v.Mask.Count() != 0 || v.HasColor() {
		t.Fatalf("sliver: crop %v mask %dx%d count %d colour %d bytes", v.Crop, v.Mask.Width, v.Mask.Height, v.Mask.Count(), len(v.Color))
	}
	if err := (&FrameSet{Rig: r, Views: []View{v}}).Check(); err != nil {
		t.Fatal(err)
	}
}

func TestScaledCropViewOne(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	full := maskcodec.New(64, 48)
	rgb := make([]uint8, 3*64*48)
	for y := 10; y < 20; y++ {
		for x := 30; x < 35; x++ {
			full.Pix[y*64+x] = 255
			rgb[3*(y*64+x)] = uint8(x + y)
		}
	}
	a, err := ScaledCropView(r, 2, full, rgb, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := CropView(r, 2, full, rgb, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("downscale 1 differs from CropView")
	}
}

func TestScaledCropViewErrors(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	m := maskcodec.New(64, 48)
	for _, tc := range []struct {
		name      string
		id        int
		mask      *maskcodec.Mask
		d, margin int
		want      error
	}{
		{"zero", 1, m, 0, 0, ErrSize},
		{"too large", 1, m, MaxDownscale + 1, 0, ErrSize},
		{"negative margin", 1, m, 2, -1, ErrCrop},
		{"unknown camera", 9, m, 2, 0, ErrUnknownCamera},
		{"wrong size", 1, maskcodec.New(32, 24), 2, 0, ErrSize},
		{"nil mask", 1, nil, 2, 0, ErrSize},
	} {
		if _, err := ScaledCropView(r, tc.id, tc.mask, nil, tc.margin, tc.d); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}
