package encode

import (
	"testing"

	"gocv.io/x/gocv"

	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// scene is a grey w x h image with a red block at (x0,y0)-(x1,y1).
func scene(w, h, x0, y0, x1, y1 int, block bool) []byte {
	pix := make([]byte, 3*w*h)
	for i := 0; i < w*h; i++ {
		x, y := i%w, i/w
		pix[3*i], pix[3*i+1], pix[3*i+2] = 120, 120, 120
		if block && x >= x0 && x < x1 && y >= y0 && y < y1 {
			pix[3*i], pix[3*i+1], pix[3*i+2] = 220, 30, 30
		}
	}
	return pix
}

func TestViewRoundTrips(t *testing.T) {
	t.Parallel()
	const w, h = 160, 120
	for _, tc := range []struct {
		name      string
		downscale int
		block     bool
	}{
		{"full scale", 1, true},
		{"half scale", 2, true},
		{"nobody", 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seg, err := segment.New(segment.Params{Downscale: tc.downscale, PlateFrames: 1, OpenRadius: -1, CloseRadius: -1}, 5, w, h)
			if err != nil {
				t.Fatal(err)
			}
			defer seg.Close()
			if _, err := seg.Learn(scene(w, h, 0, 0, 0, 0, false)); err != nil {
				t.Fatal(err)
			}
			f := &frame.Frame{CameraID: 5, Width: w, Height: h, Pix: scene(w, h, 40, 20, 80, 100, tc.block), CaptureNs: 42, ExposureUs: 8000}
			res, err := seg.Segment(f.Pix)
			if err != nil {
				t.Fatal(err)
			}
			enc, err := New(Params{Margin: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer enc.Close()
			v, err := enc.View(f, res, tc.downscale)
			if err != nil {
				t.Fatal(err)
			}
			env := &pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: &pb.FrameSet{BoothId: "b", CaptureTimeNs: 42, Views: []*pb.View{v}}}}
			b, err := wire.Encode(env)
			if err != nil {
				t.Fatal(err)
			}
			got, err := wire.Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			gv := got.GetFrameSet().GetViews()[0]
			m, err := maskcodec.Decode(gv.GetMask())
			if err != nil {
				t.Fatal(err)
			}
			sw, sh := wire.ScaledSize(gv)
			if m.Width != sw || m.Height != sh {
				t.Fatalf("mask %dx%d, scaled crop %dx%d", m.Width, m.Height, sw, sh)
			}
			if !tc.block {
				if m.Count() != 0 || gv.GetColorCodec() != pb.ColorCodec_COLOR_CODEC_NONE {
					t.Fatalf("nobody: %d mask pixels, colour %v", m.Count(), gv.GetColorCodec())
				}
				return
			}
			d := tc.downscale
			if want := (40 / d) * (80 / d); m.Count() != want {
				t.Fatalf("mask has %d pixels, want %d", m.Count(), want)
			}
			c := gv.GetCrop()
			if int(c.GetX()) != 40-2*d || int(c.GetY()) != 20-2*d || int(c.GetWidth()) != 40+4*d {
				t.Fatalf("crop %v", c)
			}
			img, err := gocv.IMDecode(gv.GetColor(), gocv.IMReadColor)
			if err != nil {
				t.Fatal(err)
			}
			defer img.Close()
			if img.Cols() != sw || img.Rows() != sh {
				t.Fatalf("jpeg %dx%d, want %dx%d", img.Cols(), img.Rows(), sw, sh)
			}
			bgr := img.GetVecbAt(sh/2, sw/2)
			if bgr[2] < 180 || bgr[1] > 70 {
				t.Fatalf("centre colour BGR %v, want red", bgr)
			}
		})
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	for _, p := range []Params{{JPEGQuality: 101}, {Margin: -1}} {
		if _, err := New(p); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}
