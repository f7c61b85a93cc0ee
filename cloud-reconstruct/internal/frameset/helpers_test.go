package frameset

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
)

// testRig returns a rig of two 64x48 cameras looking at the origin.
func testRig(t testing.TB) *rig.Rig {
	t.Helper()
	r := &rig.Rig{BoothID: "test"}
	for i, eye := range [][3]float64{{0, 1, 3}, {3, 1, 0}} {
		pose, err := rig.LookAt(eye, [3]float64{0, 1, 0}, [3]float64{0, 1, 0})
		if err != nil {
			t.Fatal(err)
		}
		r.Cameras = append(r.Cameras, rig.Camera{ID: i + 1, Width: 64, Height: 48,
			K: rig.Intrinsics{Fx: 60, Fy: 60, Cx: 31.5, Cy: 23.5}, Pose: pose})
	}
	return r
}

// disc returns an encoded w x h mask with a disc in its middle.
func disc(t testing.TB, w, h int) []byte {
	t.Helper()
	m := maskcodec.New(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-float64(w)/2, float64(y)-float64(h)/2
			if dx*dx+dy*dy < float64(w*w)/9 {
				m.Pix[y*w+x] = maskcodec.Inside
			}
		}
	}
	b, err := maskcodec.Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// goodFrameSet returns a valid frame set for testRig: camera 1 at full
// scale with raw colour, camera 2 at half scale with PNG colour.
func goodFrameSet(t testing.TB) *pb.FrameSet {
	t.Helper()
	return &pb.FrameSet{
		BoothId: "test", Sequence: 7, CaptureTimeNs: 1,
		Views: []*pb.View{
			{CameraId: 1, Mask: disc(t, 20, 30), MaskCodec: pb.MaskCodec_MASK_CODEC_ROWRUN_V1,
				Color: make([]byte, 3*20*30), ColorCodec: pb.ColorCodec_COLOR_CODEC_RAW_RGB,
				Crop: &pb.Rect{X: 10, Y: 5, Width: 20, Height: 30}, Scale: 1},
			{CameraId: 2, Mask: disc(t, 16, 12), MaskCodec: pb.MaskCodec_MASK_CODEC_ROWRUN_V1,
				Color: pngBytes(t, 16, 12), ColorCodec: pb.ColorCodec_COLOR_CODEC_PNG,
				Crop: &pb.Rect{X: 0, Y: 0, Width: 32, Height: 24}, Scale: 0.5},
		},
	}
}
