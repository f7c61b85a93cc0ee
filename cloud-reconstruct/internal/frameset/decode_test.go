package frameset

import (
	"errors"
	"image"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/pb"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	r := testRig(t)
	fs, err := Decode(goodFrameSet(t), r)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs.Views) != 2 || len(fs.Missing) != 0 || fs.Sequence != 7 {
		t.Fatalf("got %d views, missing %v, sequence %d", len(fs.Views), fs.Missing, fs.Sequence)
	}
	v := fs.Views[1]
	if v.Camera.ID != 2 || v.Index != 1 || v.Mask.Width != 16 || v.Mask.Height != 12 || len(v.Color) != 3*16*12 {
		t.Fatalf("view 2: camera %d index %d mask %dx%d colour %d bytes", v.Camera.ID, v.Index, v.Mask.Width, v.Mask.Height, len(v.Color))
	}
	if v.Color[3] != 4 || v.Color[5] != 6 {
		t.Fatalf("PNG colour not converted to RGB: %v", v.Color[:6])
	}
	if fs.Views[0].Crop != image.Rect(10, 5, 30, 35) {
		t.Fatalf("crop %v", fs.Views[0].Crop)
	}
	if err := fs.Check(); err != nil {
		t.Fatalf("Check of a decoded frame set: %v", err)
	}
	// Reuse: decoding again into the same FrameSet keeps it valid.
	if err := DecodeInto(fs, goodFrameSet(t), r); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeMissing(t *testing.T) {
	t.Parallel()
	pfs := goodFrameSet(t)
	pfs.Views = pfs.Views[:1]
	fs, err := Decode(pfs, testRig(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs.Missing) != 1 || fs.Missing[0] != 2 {
		t.Fatalf("missing %v, want [2]", fs.Missing)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(fs *pb.FrameSet, r *rig.Rig)
		want   error
		camera string
	}{
		{"unknown camera", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[1].CameraId = 9 }, ErrUnknownCamera, "camera 9"},
		{"duplicate camera", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[1].CameraId = 1 }, ErrDuplicate, "camera 1"},
		{"no views", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views = nil }, ErrEmpty, ""},
		{"crop leaves image", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Crop.X = 50 }, ErrCrop, "camera 1"},
		{"empty crop", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Crop.Width = 0 }, ErrCrop, "camera 1"},
		{"no crop", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Crop = nil }, ErrCrop, "camera 1"},
		{"bad scale", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Scale = 1.5 }, ErrCrop, "camera 1"},
		{"mask of wrong size", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Mask = disc(t, 21, 30) }, ErrSize, "camera 1"},
		{"mask corrupt", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Mask = []byte{1, 2, 3} }, ErrMask, "camera 1"},
		{"raw colour short", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[0].Color = fs.Views[0].Color[:5] }, ErrSize, "camera 1"},
		{"png of wrong size", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[1].Color = pngBytes(t, 15, 12) }, ErrSize, "camera 2"},
		{"png corrupt", func(fs *pb.FrameSet, r *rig.Rig) { fs.Views[1].Color = []byte("not a png") }, ErrColor, "camera 2"},
		{"jpeg corrupt", func(fs *pb.FrameSet, r *rig.Rig) {
			fs.Views[1].ColorCodec = pb.ColorCodec_COLOR_CODEC_JPEG
		}, ErrColor, "camera 2"},
		{"NaN in rig", func(fs *pb.FrameSet, r *rig.Rig) { r.Cameras[1].K.Fx = math.NaN() }, ErrRig, "camera 2"},
		{"NaN rotation", func(fs *pb.FrameSet, r *rig.Rig) { r.Cameras[0].Pose.R[4] = math.NaN() }, ErrRig, "camera 1"},
		{"empty rig", func(fs *pb.FrameSet, r *rig.Rig) { r.Cameras = nil }, ErrRig, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs, r := goodFrameSet(t), testRig(t)
			tc.edit(fs, r)
			_, err := Decode(fs, r)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if tc.camera != "" && !contains(err.Error(), tc.camera) {
				t.Fatalf("error %q does not name %s", err, tc.camera)
			}
		})
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestMaskCoord(t *testing.T) {
	t.Parallel()
	tests := []struct {
		crop         image.Rectangle
		scale, u, v  float64
		wantX, wantY float64
	}{
		{image.Rect(10, 5, 30, 35), 1, 10, 5, 0, 0},
		{image.Rect(10, 5, 30, 35), 1, 29, 34, 19, 29},
		{image.Rect(0, 0, 32, 24), 0.5, -0.5, -0.5, -0.5, -0.5},
		{image.Rect(0, 0, 32, 24), 0.5, 31.5, 23.5, 15.5, 11.5},
	}
	for _, tc := range tests {
		v := View{Crop: tc.crop, Scale: tc.scale}
		x, y := v.MaskCoord(tc.u, tc.v)
		if math.Abs(x-tc.wantX) > 1e-12 || math.Abs(y-tc.wantY) > 1e-12 {
			t.Errorf("MaskCoord(%g,%g) in %v at %g = (%g,%g), want (%g,%g)", tc.u, tc.v, tc.crop, tc.scale, x, y, tc.wantX, tc.wantY)
		}
	}
}

func TestPeekMaskSize(t *testing.T) {
	t.Parallel()
	w, h, ok := peekMaskSize(disc(t, 20, 30))
	if !ok || w != 20 || h != 30 {
		t.Fatalf("peek = %d x %d, %v", w, h, ok)
	}
	for _, b := range [][]byte{nil, []byte("Mk"), []byte("Xk\x01\x00\x14\x1e"), []byte("Mk\x02\x00\x14\x1e"), []byte("Mk\x01\x00\xff")} {
		if _, _, ok := peekMaskSize(b); ok {
			t.Errorf("peek accepted %q", b)
		}
	}
}
