package segment

import (
	"fmt"
	"image"

	"gocv.io/x/gocv"
)

// Result is one segmented image. Its Mats belong to the Segmenter and stay
// valid until its next Segment or Close.
type Result struct {
	Work gocv.Mat // RGB image at work size
	Mask gocv.Mat // 8UC1 at work size, 255 on the person
	// Full is the mask at full image size, 8UC1. With the plate method
	// its outline is re-tested at full size (see refine.go).
	Full gocv.Mat
	// Box bounds the kept blobs, in work pixels; empty when nobody is seen.
	Box image.Rectangle
	// Area is the number of mask pixels; Fraction is Area over the image.
	Area     int
	Fraction float64
}

// Segmenter segments the images of one camera. It is not safe for
// concurrent use: each camera has its own.
type Segmenter struct {
	p            Params
	camera       uint32
	w, h, ww, wh int

	work, ycc, diff, d1, d2, y, t1, mask, tmp, sum gocv.Mat
	labels, stats, cents, inv, full                gocv.Mat
	kOpen, kClose                                  gocv.Mat

	plate  *plate
	fplate *fullPlate
	mog    *gocv.BackgroundSubtractorMOG2
	knn    *gocv.BackgroundSubtractorKNN
	// learned counts frames the MOG2/KNN models have seen.
	learned int
	keyLo   gocv.Scalar
	keyHi   gocv.Scalar
	closed  bool
}

// New returns a segmenter for w x h images of the given camera.
func New(p Params, camera uint32, w, h int) (*Segmenter, error) {
	p, err := p.WithDefaults()
	if err != nil {
		return nil, fmt.Errorf("camera %d: %w", camera, err)
	}
	if p.Downscale == 0 {
		p.Downscale = AutoDownscale(w)
	}
	if w < p.Downscale || h < p.Downscale || w > 8192 || h > 8192 {
		return nil, fmt.Errorf("camera %d: image %dx%d at downscale %d: %w", camera, w, h, p.Downscale, ErrParams)
	}
	s := &Segmenter{p: p, camera: camera, w: w, h: h, ww: w / p.Downscale, wh: h / p.Downscale}
	for _, m := range []*gocv.Mat{&s.work, &s.ycc, &s.diff, &s.d1, &s.d2, &s.y, &s.t1, &s.mask, &s.tmp, &s.sum, &s.labels, &s.stats, &s.cents, &s.inv} {
		*m = gocv.NewMat()
	}
	s.full = gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1)
	s.kOpen = ellipse(p.OpenRadius)
	s.kClose = ellipse(p.CloseRadius)
	switch p.Method {
	case Plate:
		s.plate = newPlate(s.ww, s.wh)
		if p.Downscale > 1 {
			s.fplate = &fullPlate{}
		}
	case MOG2:
		m := gocv.NewBackgroundSubtractorMOG2WithParams(p.History, 16, false)
		s.mog = &m
	case KNN:
		k := gocv.NewBackgroundSubtractorKNNWithParams(p.History, 400, true)
		s.knn = &k
	case ChromaKey:
		cr, cb := rgbToCrCb(p.KeyColor)
		t := p.KeyThreshold
		s.keyLo = gocv.NewScalar(0, cr-t, cb-t, 0)
		s.keyHi = gocv.NewScalar(255, cr+t, cb+t, 0)
	}
	return s, nil
}

func ellipse(r int) gocv.Mat {
	if r <= 0 {
		return gocv.NewMat()
	}
	return gocv.GetStructuringElement(gocv.MorphEllipse, image.Pt(2*r+1, 2*r+1))
}

// rgbToCrCb is OpenCV's 8-bit RGB to YCrCb chroma.
func rgbToCrCb(c [3]uint8) (cr, cb float64) {
	r, g, b := float64(c[0]), float64(c[1]), float64(c[2])
	y := 0.299*r + 0.587*g + 0.114*b
	return (r-y)*0.713 + 128, (b-y)*0.564 + 128
}

// WorkSize is the size the segmenter works at (image size / Downscale).
func (s *Segmenter) WorkSize() (w, h int) { return s.ww, s.wh }

// Downscale is the factor between the image and the work size.
func (s *Segmenter) Downscale() int { return s.p.Downscale }

// Ready reports whether the background is known (always, for a chroma key).
func (s *Segmenter) Ready() bool {
	switch s.p.Method {
	case Plate:
		return s.plate.ready
	case ChromaKey:
		return true
	}
	return s.learned >= s.p.PlateFrames
}

// Relearn forgets the background; the next frames given to Learn build it
// again.
func (s *Segmenter) Relearn() {
	switch s.p.Method {
	case Plate:
		s.plate.reset()
		if s.fplate != nil {
			s.fplate.reset()
		}
	case MOG2:
		_ = s.mog.Close()
		m := gocv.NewBackgroundSubtractorMOG2WithParams(s.p.History, 16, false)
		s.mog = &m
	case KNN:
		_ = s.knn.Close()
		k := gocv.NewBackgroundSubtractorKNNWithParams(s.p.History, 400, true)
		s.knn = &k
	}
	s.learned = 0
}

// Learn adds one image of the empty booth to the background and reports
// whether the background is now ready.
func (s *Segmenter) Learn(pix []byte) (bool, error) {
	if err := s.load(pix); err != nil {
		return false, err
	}
	switch s.p.Method {
	case Plate:
		if s.plate.ready {
			return true, nil
		}
		gocv.CvtColor(s.work, &s.ycc, gocv.ColorRGBToYCrCb)
		b, err := s.ycc.DataPtrUint8()
		if err != nil {
			return false, fmt.Errorf("camera %d: %w", s.camera, err)
		}
		s.plate.add(b)
		if s.fplate != nil {
			s.fplate.add(pix)
		}
		if s.plate.n >= s.p.PlateFrames {
			if err := s.plate.build(s.p, s.ww, s.wh); err != nil {
				return false, fmt.Errorf("camera %d: %w", s.camera, err)
			}
			if s.fplate != nil {
				s.fplate.build()
			}
		}
	case MOG2:
		s.mog.Apply(s.work, &s.mask)
		s.learned++
	case KNN:
		s.knn.Apply(s.work, &s.mask)
		s.learned++
	}
	return s.Ready(), nil
}

// load resizes an RGB image into s.work.
func (s *Segmenter) load(pix []byte) error {
	if s.closed {
		return fmt.Errorf("camera %d: segmenter closed: %w", s.camera, ErrFrame)
	}
	if len(pix) != 3*s.w*s.h {
		return fmt.Errorf("camera %d: %d bytes for a %dx%d RGB image: %w", s.camera, len(pix), s.w, s.h, ErrFrame)
	}
	src, err := gocv.NewMatFromBytes(s.h, s.w, gocv.MatTypeCV8UC3, pix)
	if err != nil {
		return fmt.Errorf("camera %d: %w", s.camera, err)
	}
	defer src.Close()
	switch s.p.Downscale {
	case 1:
		src.CopyTo(&s.work)
	case 2:
		// Bilinear at exactly half averages each 2x2 block, as area
		// interpolation would, and OpenCV does it several times faster.
		gocv.Resize(src, &s.work, image.Pt(s.ww, s.wh), 0, 0, gocv.InterpolationLinear)
	default:
		gocv.Resize(src, &s.work, image.Pt(s.ww, s.wh), 0, 0, gocv.InterpolationArea)
	}
	return nil
}

// Segment cuts the person out of one RGB image.
func (s *Segmenter) Segment(pix []byte) (Result, error) {
	if !s.Ready() {
		return Result{}, fmt.Errorf("camera %d: %w", s.camera, ErrNoPlate)
	}
	if err := s.load(pix); err != nil {
		return Result{}, err
	}
	switch s.p.Method {
	case Plate:
		s.plateDiff()
	case ChromaKey:
		gocv.CvtColor(s.work, &s.ycc, gocv.ColorRGBToYCrCb)
		gocv.InRangeWithScalar(s.ycc, s.keyLo, s.keyHi, &s.t1)
		gocv.BitwiseNot(s.t1, &s.mask)
	case MOG2:
		s.mog.Apply(s.work, &s.t1)
		gocv.Threshold(s.t1, &s.mask, 200, 255, gocv.ThresholdBinary) // 127 marks shadows
	case KNN:
		s.knn.Apply(s.work, &s.t1)
		gocv.Threshold(s.t1, &s.mask, 200, 255, gocv.ThresholdBinary)
	}
	r, err := s.cleanUp()
	if err != nil {
		return Result{}, fmt.Errorf("camera %d: %w", s.camera, err)
	}
	switch {
	case s.p.Downscale == 1:
		s.mask.CopyTo(&s.full)
	case s.fplate != nil:
		gocv.Resize(s.mask, &s.full, image.Pt(s.w, s.h), 0, 0, gocv.InterpolationNearestNeighbor)
		if err := s.refine(pix); err != nil {
			return Result{}, fmt.Errorf("camera %d: %w", s.camera, err)
		}
	default:
		gocv.Resize(s.mask, &s.tmp, image.Pt(s.w, s.h), 0, 0, gocv.InterpolationLinear)
		gocv.Threshold(s.tmp, &s.full, 127, 255, gocv.ThresholdBinary)
	}
	r.Full = s.full
	return r, nil
}

// plateDiff writes the shadow-tolerant difference against the plate into
// s.mask.
func (s *Segmenter) plateDiff() {
	pl := s.plate
	gocv.CvtColor(s.work, &s.ycc, gocv.ColorRGBToYCrCb)
	gocv.AbsDiff(s.ycc, pl.mean, &s.diff)
	gocv.ExtractChannel(s.diff, &s.d1, 1)
	gocv.ExtractChannel(s.diff, &s.d2, 2)
	gocv.Add(s.d1, s.d2, &s.tmp) // chroma change, saturating
	gocv.Compare(s.tmp, pl.tChroma, &s.mask, gocv.CompareGT)
	gocv.ExtractChannel(s.ycc, &s.y, 0)
	gocv.Subtract(s.y, pl.meanY, &s.d1) // brighter, saturating at 0
	gocv.Compare(s.d1, pl.tBright, &s.t1, gocv.CompareGT)
	gocv.BitwiseOr(s.mask, s.t1, &s.mask)
	gocv.Subtract(pl.meanY, s.y, &s.d2) // darker
	gocv.Compare(s.d2, pl.tDark, &s.t1, gocv.CompareGT)
	gocv.BitwiseOr(s.mask, s.t1, &s.mask)
	// Region test: a textured garment over a similar floor differs little
	// per pixel but clearly on average. Where the change (chroma, plus
	// brightening, plus darkening beyond what a shadow explains) averaged
	// over a window exceeds RegionThreshold, pixels whose own change
	// exceeds WeakThreshold are foreground too.
	if s.p.RegionRadius > 0 {
		gocv.Subtract(s.d2, pl.tShadow, &s.d2)
		gocv.Add(s.tmp, s.d1, &s.sum)
		gocv.Add(s.sum, s.d2, &s.sum)
		k := 2*s.p.RegionRadius + 1
		gocv.Blur(s.sum, &s.t1, image.Pt(k, k))
		gocv.Threshold(s.t1, &s.t1, float32(s.p.RegionThreshold), 255, gocv.ThresholdBinary)
		gocv.Threshold(s.sum, &s.sum, float32(s.p.WeakThreshold), 255, gocv.ThresholdBinary)
		gocv.BitwiseAnd(s.t1, s.sum, &s.t1)
		gocv.BitwiseOr(s.mask, s.t1, &s.mask)
	}
}

// FullMask copies the full-size mask of the last Segment into dst (w*h
// bytes, 255 inside). For metrics.
func (s *Segmenter) FullMask(dst []byte) error {
	if len(dst) != s.w*s.h {
		return fmt.Errorf("camera %d: %d bytes for a %dx%d mask: %w", s.camera, len(dst), s.w, s.h, ErrFrame)
	}
	b, err := s.full.DataPtrUint8()
	if err != nil {
		return err
	}
	copy(dst, b)
	return nil
}

// Close frees the OpenCV memory. Closing twice is safe.
func (s *Segmenter) Close() {
	if s.closed {
		return
	}
	s.closed = true
	for _, m := range []*gocv.Mat{&s.work, &s.ycc, &s.diff, &s.d1, &s.d2, &s.y, &s.t1, &s.mask, &s.tmp, &s.sum, &s.labels, &s.stats, &s.cents, &s.inv, &s.full, &s.kOpen, &s.kClose} {
		_ = m.Close()
	}
	if s.plate != nil {
		s.plate.close()
	}
	if s.mog != nil {
		_ = s.mog.Close()
	}
	if s.knn != nil {
		_ = s.knn.Close()
	}
}
