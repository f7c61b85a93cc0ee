package frameset

import (
	"errors"
	"image"
	"testing"

	"cloudme.dev/proto/maskcodec"
)

func TestCropView(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	full := maskcodec.New(64, 48)
	rgb := make([]uint8, 3*64*48)
	for y := 10; y < 20; y++ {
		for x := 30; x < 35; x++ {
			full.Pix[y*64+x] = 255
			rgb[3*(y*64+x)] = 200
		}
	}
	v, err := CropView(r, 2, full, rgb, 2)
	if err != nil {
		t.Fatal(err)
	}
	if v.Crop != image.Rect(28, 8, 37, 22) || v.Index != 1 || v.Mask.Count() != 50 {
		t.Fatalf("crop %v index %d count %d", v.Crop, v.Index, v.Mask.Count())
	}
	if v.Color[3*(2*9+2)] != 200 || v.Color[0] != 0 {
		t.Fatal("colour not cropped with the mask")
	}
	fs := &FrameSet{Rig: r, Views: []View{v}}
	if err := fs.Check(); err != nil {
		t.Fatal(err)
	}
	empty, err := CropView(r, 1, maskcodec.New(64, 48), nil, 2)
	if err != nil || empty.Crop != image.Rect(0, 0, 1, 1) || empty.Mask.Count() != 0 {
		t.Fatalf("empty mask: %v %v", empty.Crop, err)
	}
}

func TestCropViewErrors(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	tests := []struct {
		name string
		id   int
		mask *maskcodec.Mask
		rgb  []uint8
		want error
	}{
		{"unknown camera", 5, maskcodec.New(64, 48), nil, ErrUnknownCamera},
		{"wrong size", 1, maskcodec.New(63, 48), nil, ErrSize},
		{"nil mask", 1, nil, nil, ErrSize},
		{"short colour", 1, maskcodec.New(64, 48), make([]uint8, 10), ErrSize},
	}
	for _, tc := range tests {
		if _, err := CropView(r, tc.id, tc.mask, tc.rgb, 0); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	good, err := CropView(r, 1, maskcodec.New(64, 48), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(v *View)
		want error
	}{
		{"crop leaves image", func(v *View) { v.Crop = image.Rect(60, 0, 70, 1) }, ErrCrop},
		{"mask size", func(v *View) { v.Mask.Width = 2 }, ErrSize},
		{"colour size", func(v *View) { v.Color = []uint8{1} }, ErrSize},
		{"foreign camera", func(v *View) { c := *v.Camera; v.Camera = &c }, ErrUnknownCamera},
		{"scale", func(v *View) { v.Scale = 0 }, ErrCrop},
	}
	for _, tc := range tests {
		v := good
		v.Mask.Pix = append([]uint8(nil), good.Mask.Pix...)
		tc.edit(&v)
		fs := &FrameSet{Rig: r, Views: []View{v}}
		if err := fs.Check(); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	fs := &FrameSet{Rig: r, Views: []View{good, good}}
	if err := fs.Check(); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: got %v", err)
	}
}
