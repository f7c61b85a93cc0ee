package segment

import (
	"fmt"
	"image"

	"gocv.io/x/gocv"

	"cloudme.dev/booth-capture/internal/cvx"
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
//
// Every buffer is allocated once, in New (the plate's when it is learned):
// a frame allocates nothing. The plate method is one fused pass over the
// frame (cvx.PlateDiff: downscale, colour conversion, plate and region
// tests), the clean-up works inside the foreground's box (cvx.CleanUp),
// and the full-size mask is written only over that box (cvx.Refine).
type Segmenter struct {
	p            Params
	camera       uint32
	w, h, ww, wh int

	work, ycc, t1, mask, tmp, full gocv.Mat
	// workPix, maskPix and fullPix are the pixels of work, mask and full
	// (OpenCV memory, allocated once).
	workPix, maskPix, fullPix []byte
	yccPix                    []byte // work size
	scratch                   cvx.Scratch
	clean                     cvx.CleanUpParams
	// dirty bounds, in full-size pixels, where s.full may be non-zero
	// (the plate method's box-limited full mask); empty: s.full is 0.
	dirty image.Rectangle

	plate  *plate
	fplate *fullPlate
	mog    *gocv.BackgroundSubtractorMOG2
	knn    *gocv.BackgroundSubtractorKNN
	// learned counts frames the MOG2/KNN models have seen.
	learned int
	// plateRestarts counts the plate's restarts (ErrSceneMoved) since the
	// last Relearn.
	plateRestarts int
	keyLo         gocv.Scalar
	keyHi         gocv.Scalar
	closed        bool
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
	ww, wh := cvx.WorkSize(w, h, p.Downscale)
	s := &Segmenter{p: p, camera: camera, w: w, h: h, ww: ww, wh: wh}
	for _, m := range []*gocv.Mat{&s.ycc, &s.t1, &s.tmp} {
		*m = gocv.NewMat()
	}
	s.work = gocv.NewMatWithSize(wh, ww, gocv.MatTypeCV8UC3)
	s.mask = gocv.NewMatWithSize(wh, ww, gocv.MatTypeCV8UC1)
	s.full = gocv.NewMatWithSizeFromScalar(gocv.NewScalar(0, 0, 0, 0), h, w, gocv.MatTypeCV8UC1)
	if s.workPix, err = s.work.DataPtrUint8(); err == nil {
		if s.maskPix, err = s.mask.DataPtrUint8(); err == nil {
			s.fullPix, err = s.full.DataPtrUint8()
		}
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("camera %d: %w", camera, err)
	}
	s.clean = cvx.CleanUpParams{OpenRadius: p.OpenRadius, CloseRadius: p.CloseRadius, MinBlob: int(p.MinBlobFraction * float64(ww*wh))}
	if p.MaxHoleFraction > 0 {
		s.clean.MaxHole = int(p.MaxHoleFraction * float64(ww*wh))
	}
	switch p.Method {
	case Plate:
		s.plate = newPlate(ww, wh)
		s.yccPix = make([]byte, 3*ww*wh)
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
	s.plateRestarts = 0
}

// maxPlateRestarts bounds the restarts of one learning, in plates' worth
// of frames: a booth that never stays still (a screen or a flickering
// light in view) still gets a plate, whose thresholds then rise where
// the pixels kept changing.
const maxPlateRestarts = 10

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
		if err := cvx.RGBToYCrCb(s.workPix, s.yccPix); err != nil {
			return false, fmt.Errorf("camera %d: %w", s.camera, err)
		}
		if s.p.PlateMotionFraction > 0 && s.plateRestarts < maxPlateRestarts*s.p.PlateFrames &&
			s.plate.moved(s.yccPix, 2*s.p.LumaThreshold, s.p.PlateMotionFraction) {
			s.plateRestarts++
			s.plate.reset()
			if s.fplate != nil {
				s.fplate.reset()
			}
			s.plate.add(s.yccPix)
			if s.fplate != nil {
				s.fplate.add(pix)
			}
			return false, fmt.Errorf("camera %d: %w", s.camera, ErrSceneMoved)
		}
		s.plate.add(s.yccPix)
		if s.fplate != nil {
			s.fplate.add(pix)
		}
		if s.plate.n >= s.p.PlateFrames {
			s.plate.build(s.p, s.ww, s.wh)
			if s.fplate != nil {
				s.fplate.build()
				c := s.plate.cvx
				s.fplate.cvx = cvx.FullPlate{Mean: s.fplate.mean, Bright: c.Bright, Chroma: c.Chroma, Shadow: c.Shadow}
			}
		}
	case MOG2:
		s.mog.Apply(s.work, &s.t1)
		s.learned++
	case KNN:
		s.knn.Apply(s.work, &s.t1)
		s.learned++
	}
	return s.Ready(), nil
}

// check refuses a closed segmenter and a frame of the wrong size.
func (s *Segmenter) check(pix []byte) error {
	if s.closed {
		return fmt.Errorf("camera %d: segmenter closed: %w", s.camera, ErrFrame)
	}
	if len(pix) != 3*s.w*s.h {
		return fmt.Errorf("camera %d: %d bytes for a %dx%d RGB image: %w", s.camera, len(pix), s.w, s.h, ErrFrame)
	}
	return nil
}

// load downscales an RGB image into s.work: each work pixel is the mean
// of its Downscale x Downscale block, as OpenCV's area interpolation (and
// its bilinear one at exactly half) gives.
func (s *Segmenter) load(pix []byte) error {
	if err := s.check(pix); err != nil {
		return err
	}
	if err := cvx.Downscale(pix, s.w, s.h, s.p.Downscale, s.workPix, &s.scratch); err != nil {
		return fmt.Errorf("camera %d: %w", s.camera, err)
	}
	return nil
}

// Segment cuts the person out of one RGB image.
func (s *Segmenter) Segment(pix []byte) (Result, error) {
	if !s.Ready() {
		return Result{}, fmt.Errorf("camera %d: %w", s.camera, ErrNoPlate)
	}
	bound := image.Rect(0, 0, s.ww, s.wh) // where the raw mask may be set
	if s.p.Method == Plate {
		// One pass: downscale, colour, plate and region tests.
		if err := s.check(pix); err != nil {
			return Result{}, err
		}
		var err error
		if bound, err = cvx.PlateDiff(pix, s.w, s.h, s.p.Downscale, &s.plate.cvx, s.workPix, s.maskPix, &s.scratch); err != nil {
			return Result{}, fmt.Errorf("camera %d: %w", s.camera, err)
		}
	} else if err := s.load(pix); err != nil {
		return Result{}, err
	}
	switch s.p.Method {
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
	blobs, err := cvx.CleanUp(s.maskPix, s.ww, s.wh, bound, s.clean, &s.scratch)
	if err != nil {
		return Result{}, fmt.Errorf("camera %d: %w", s.camera, err)
	}
	r := Result{Work: s.work, Mask: s.mask, Box: blobs.Box, Area: blobs.Area, Fraction: float64(blobs.Area) / float64(s.ww*s.wh)}
	switch {
	case s.p.Downscale == 1:
		s.mask.CopyTo(&s.full)
	case s.fplate != nil:
		if err := s.refine(pix, r.Box); err != nil {
			return Result{}, fmt.Errorf("camera %d: %w", s.camera, err)
		}
	default:
		gocv.Resize(s.mask, &s.tmp, image.Pt(s.w, s.h), 0, 0, gocv.InterpolationLinear)
		gocv.Threshold(s.tmp, &s.full, 127, 255, gocv.ThresholdBinary)
	}
	r.Full = s.full
	return r, nil
}

// refine writes the full-size mask over the blobs' box (work pixels) plus
// one work pixel, outline re-tested at full size (see refine.go), and
// clears what the last frame left outside it.
func (s *Segmenter) refine(pix []byte, box image.Rectangle) error {
	d := s.p.Downscale
	rect := image.Rectangle{}
	if !box.Empty() {
		rect = box.Inset(-1).Intersect(image.Rect(0, 0, s.ww, s.wh))
	}
	// Full-size pixels rect covers: the last work row and column also
	// cover the remainder of a size that d does not divide.
	fr := image.Rect(rect.Min.X*d, rect.Min.Y*d, rect.Max.X*d, rect.Max.Y*d)
	if rect.Max.X == s.ww {
		fr.Max.X = s.w
	}
	if rect.Max.Y == s.wh {
		fr.Max.Y = s.h
	}
	if rect.Empty() {
		fr = image.Rectangle{}
	}
	clearOutside(s.fullPix, s.w, s.dirty, fr)
	s.dirty = fr
	if rect.Empty() {
		return nil
	}
	return cvx.Refine(s.maskPix, s.ww, s.wh, d, rect, pix, s.w, s.h, &s.fplate.cvx, s.fullPix)
}

// clearOutside zeroes the pixels of old that keep does not cover, in a
// w-wide 8-bit image.
func clearOutside(pix []byte, w int, old, keep image.Rectangle) {
	for y := old.Min.Y; y < old.Max.Y; y++ {
		row := pix[y*w : (y+1)*w]
		if y < keep.Min.Y || y >= keep.Max.Y || keep.Empty() {
			clear(row[old.Min.X:old.Max.X])
			continue
		}
		if old.Min.X < keep.Min.X {
			clear(row[old.Min.X:min(old.Max.X, keep.Min.X)])
		}
		if old.Max.X > keep.Max.X {
			clear(row[max(old.Min.X, keep.Max.X):old.Max.X])
		}
	}
}

// FullMask copies the full-size mask of the last Segment into dst (w*h
// bytes, 255 inside). For metrics.
func (s *Segmenter) FullMask(dst []byte) error {
	if len(dst) != s.w*s.h {
		return fmt.Errorf("camera %d: %d bytes for a %dx%d mask: %w", s.camera, len(dst), s.w, s.h, ErrFrame)
	}
	if s.closed {
		return fmt.Errorf("camera %d: segmenter closed: %w", s.camera, ErrFrame)
	}
	copy(dst, s.fullPix)
	return nil
}

// Close frees the OpenCV memory. Closing twice is safe.
func (s *Segmenter) Close() {
	if s.closed {
		return
	}
	s.closed = true
	s.workPix, s.maskPix, s.fullPix = nil, nil, nil
	for _, m := range []*gocv.Mat{&s.work, &s.ycc, &s.t1, &s.mask, &s.tmp, &s.full} {
		_ = m.Close()
	}
	if s.mog != nil {
		_ = s.mog.Close()
	}
	if s.knn != nil {
		_ = s.knn.Close()
	}
}
