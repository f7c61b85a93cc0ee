// Package encode turns a segmented camera image into a pb.View: the mask
// through the proto mask codec, the colour cropped to the mask's box (plus
// a margin), at the segmenter's work scale, as JPEG through gocv.
package encode

import (
	"errors"
	"fmt"
	"image"

	"gocv.io/x/gocv"

	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
)

// ErrParams is wrapped by parameter errors.
var ErrParams = errors.New("bad encoding parameters")

// Params tune the encoder.
type Params struct {
	JPEGQuality int // 1 to 100; default 85
	Margin      int // work pixels around the mask's box; default 4
}

// WithDefaults fills the zero fields and checks the rest.
func (p Params) WithDefaults() (Params, error) {
	if p.JPEGQuality == 0 {
		p.JPEGQuality = 85
	}
	if p.Margin == 0 {
		p.Margin = 4
	}
	if p.JPEGQuality < 1 || p.JPEGQuality > 100 {
		return p, fmt.Errorf("jpeg quality %d (want 1 to 100): %w", p.JPEGQuality, ErrParams)
	}
	if p.Margin < 0 || p.Margin > 256 {
		return p, fmt.Errorf("margin %d (want 0 to 256): %w", p.Margin, ErrParams)
	}
	return p, nil
}

// Encoder encodes the views of one camera. Not safe for concurrent use.
type Encoder struct {
	p        Params
	bgr, msk gocv.Mat
	mask     maskcodec.Mask
	enc      *maskcodec.Encoder
}

// New returns an encoder.
func New(p Params) (*Encoder, error) {
	p, err := p.WithDefaults()
	if err != nil {
		return nil, err
	}
	enc, err := maskcodec.NewEncoder()
	if err != nil {
		return nil, err
	}
	return &Encoder{p: p, bgr: gocv.NewMat(), msk: gocv.NewMat(), enc: enc}, nil
}

// Close frees the encoder. Closing twice is safe.
func (e *Encoder) Close() {
	_ = e.bgr.Close()
	_ = e.msk.Close()
}

// View encodes camera f's segmentation r, made at 1/downscale of f's size.
// With nobody in view, the view holds the whole image and an empty mask
// and no colour, so the cloud knows the camera saw nobody.
func (e *Encoder) View(f *frame.Frame, r segment.Result, downscale int) (*pb.View, error) {
	ww, wh := r.Mask.Cols(), r.Mask.Rows()
	box := r.Box
	if !box.Empty() {
		box = image.Rect(box.Min.X-e.p.Margin, box.Min.Y-e.p.Margin, box.Max.X+e.p.Margin, box.Max.Y+e.p.Margin).Intersect(image.Rect(0, 0, ww, wh))
	}
	v := &pb.View{
		CameraId: f.CameraID, CaptureTimeNs: f.CaptureNs, ExposureUs: f.ExposureUs,
		MaskCodec: pb.MaskCodec_MASK_CODEC_ROWRUN_V1, Scale: 1 / float32(downscale),
	}
	if box.Empty() {
		box = image.Rect(0, 0, ww, wh)
		v.ColorCodec = pb.ColorCodec_COLOR_CODEC_NONE
	}
	d := downscale
	v.Crop = &pb.Rect{X: uint32(box.Min.X * d), Y: uint32(box.Min.Y * d), Width: uint32(box.Dx() * d), Height: uint32(box.Dy() * d)}

	// The mask at the crop's scale: the full-size mask (outline re-tested
	// at full size) brought down to the work scale.
	fullBox := image.Rect(box.Min.X*d, box.Min.Y*d, box.Max.X*d, box.Max.Y*d)
	region := r.Full.Region(fullBox)
	if d == 1 {
		region.CopyTo(&e.msk)
	} else {
		gocv.Resize(region, &e.msk, image.Pt(box.Dx(), box.Dy()), 0, 0, gocv.InterpolationArea)
		gocv.Threshold(e.msk, &e.msk, 127, 255, gocv.ThresholdBinary)
	}
	_ = region.Close()
	px, err := e.msk.DataPtrUint8()
	if err != nil {
		return nil, fmt.Errorf("camera %d mask: %w", f.CameraID, err)
	}
	e.mask = maskcodec.Mask{Width: box.Dx(), Height: box.Dy(), Pix: px}
	if v.Mask, err = e.enc.Encode(nil, &e.mask); err != nil {
		return nil, fmt.Errorf("camera %d mask: %w", f.CameraID, err)
	}
	if v.ColorCodec == pb.ColorCodec_COLOR_CODEC_NONE {
		return v, nil
	}
	crop := r.Work.Region(box)
	gocv.CvtColor(crop, &e.bgr, gocv.ColorBGRToRGB) // the same channel swap
	_ = crop.Close()
	buf, err := gocv.IMEncodeWithParams(gocv.JPEGFileExt, e.bgr, []int{gocv.IMWriteJpegQuality, e.p.JPEGQuality})
	if err != nil {
		return nil, fmt.Errorf("camera %d jpeg: %w", f.CameraID, err)
	}
	v.Color = append([]byte(nil), buf.GetBytes()...)
	buf.Close()
	v.ColorCodec = pb.ColorCodec_COLOR_CODEC_JPEG
	return v, nil
}
