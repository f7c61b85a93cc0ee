package segment

import (
	"fmt"
	"image"
	"unsafe"

	"gocv.io/x/gocv"
)

// cleanUp opens (drops specks), closes (bridges cracks), drops blobs below
// MinBlobFraction, fills holes below MaxHoleFraction, and measures what is
// left.
func (s *Segmenter) cleanUp() (Result, error) {
	if s.p.OpenRadius > 0 {
		gocv.MorphologyEx(s.mask, &s.tmp, gocv.MorphOpen, s.kOpen)
		s.mask, s.tmp = s.tmp, s.mask
	}
	if s.p.CloseRadius > 0 {
		gocv.MorphologyEx(s.mask, &s.tmp, gocv.MorphClose, s.kClose)
		s.mask, s.tmp = s.tmp, s.mask
	}
	total := s.ww * s.wh
	minBlob := int(s.p.MinBlobFraction * float64(total))
	n := gocv.ConnectedComponentsWithStats(s.mask, &s.labels, &s.stats, &s.cents)
	var box image.Rectangle
	area := 0
	for i := 1; i < n; i++ {
		r, a := s.component(i)
		if a < minBlob {
			if err := s.paint(r, i, 0); err != nil {
				return Result{}, err
			}
			continue
		}
		box = box.Union(r)
		area += a
	}
	if s.p.MaxHoleFraction > 0 && area > 0 {
		maxHole := int(s.p.MaxHoleFraction * float64(total))
		// A hole lies inside the blobs' box: background touching the
		// box's edge reaches the outside. Labelling the box alone is
		// much cheaper than the image.
		roi := s.mask.Region(box)
		gocv.BitwiseNot(roi, &s.inv)
		_ = roi.Close()
		n := gocv.ConnectedComponentsWithStats(s.inv, &s.labels, &s.stats, &s.cents)
		in := image.Rect(0, 0, box.Dx(), box.Dy())
		for i := 1; i < n; i++ {
			r, a := s.component(i)
			touches := r.Min.X == in.Min.X || r.Min.Y == in.Min.Y || r.Max.X == in.Max.X || r.Max.Y == in.Max.Y
			if touches || a >= maxHole {
				continue
			}
			if err := s.paintIn(box, r, i, 255); err != nil {
				return Result{}, err
			}
			area += a
		}
	}
	return Result{Work: s.work, Mask: s.mask, Box: box, Area: area, Fraction: float64(area) / float64(total)}, nil
}

// component returns the bounding box and area of label i from s.stats.
func (s *Segmenter) component(i int) (image.Rectangle, int) {
	x := int(s.stats.GetIntAt(i, 0))
	y := int(s.stats.GetIntAt(i, 1))
	w := int(s.stats.GetIntAt(i, 2))
	h := int(s.stats.GetIntAt(i, 3))
	return image.Rect(x, y, x+w, y+h), int(s.stats.GetIntAt(i, 4))
}

// paint sets the mask to v wherever s.labels (image-sized) is label,
// within r.
func (s *Segmenter) paint(r image.Rectangle, label int, v uint8) error {
	return s.paintIn(image.Rect(0, 0, s.ww, s.wh), r, label, v)
}

// paintIn is paint for labels of the region box of the mask; r is in the
// region's coordinates.
func (s *Segmenter) paintIn(box, r image.Rectangle, label int, v uint8) error {
	px, err := s.mask.DataPtrUint8()
	if err != nil {
		return err
	}
	lw := box.Dx()
	b, err := s.labels.DataPtrUint8()
	if err != nil || len(b) < 4*lw*box.Dy() {
		return fmt.Errorf("labels of %d bytes for a %v box: %v", len(b), box, err)
	}
	lab := unsafe.Slice((*int32)(unsafe.Pointer(&b[0])), lw*box.Dy()) // 32S labels
	want := int32(label)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		lrow := y * lw
		mrow := (y+box.Min.Y)*s.ww + box.Min.X
		for x := r.Min.X; x < r.Max.X; x++ {
			if lab[lrow+x] == want {
				px[mrow+x] = v
			}
		}
	}
	return nil
}
