package segment

import (
	"encoding/binary"
	"fmt"
)

// The plate method works at 1/Downscale, which loses up to a pixel of the
// outline at full size. refine redraws the outline at full size: every
// full-size pixel under a work pixel on the mask's edge is tested again
// against a full-size plate, so the mask's edge is as sharp as the camera.
// The inside and outside come from the work mask, which the clean-up made
// trustworthy; only a band of 2*Downscale pixels is re-tested.

// fullPlate is the mean empty booth at full size, YCrCb.
type fullPlate struct {
	sum  []uint16 // 3 per pixel; PlateFrames <= 256 keeps it from overflowing
	n    int
	mean []uint8
}

func (fp *fullPlate) reset() {
	fp.n = 0
	clear(fp.sum)
}

func (fp *fullPlate) add(rgb []byte) {
	if len(fp.sum) != len(rgb) {
		fp.sum = make([]uint16, len(rgb))
	}
	for i := 0; i+2 < len(rgb); i += 3 {
		y, cr, cb := ycc(rgb[i], rgb[i+1], rgb[i+2])
		fp.sum[i] += uint16(y)
		fp.sum[i+1] += uint16(cr)
		fp.sum[i+2] += uint16(cb)
	}
	fp.n++
}

func (fp *fullPlate) build() {
	if len(fp.mean) != len(fp.sum) {
		fp.mean = make([]uint8, len(fp.sum))
	}
	half := uint32(fp.n / 2)
	for i, v := range fp.sum {
		fp.mean[i] = uint8((uint32(v) + half) / uint32(fp.n))
	}
	fp.sum = nil // learning is over; free it
}

// ycc is OpenCV's 8-bit RGB to YCrCb in 14-bit fixed point.
func ycc(r, g, b uint8) (y, cr, cb uint8) {
	const sh = 14
	R, G, B := int32(r), int32(g), int32(b)
	Y := (R*4899 + G*9617 + B*1868 + 1<<(sh-1)) >> sh
	CR := ((R-Y)*11682 + 1<<(sh-1)) >> sh // 0.713
	CB := ((B-Y)*9241 + 1<<(sh-1)) >> sh  // 0.564
	return uint8(Y), sat8(CR + 128), sat8(CB + 128)
}

func sat8(v int32) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}

func absDiff(a, b uint8) int32 {
	if a > b {
		return int32(a - b)
	}
	return int32(b - a)
}

// refine writes the full-size mask into s.full: the work mask scaled up,
// with the outline band re-tested at full size against rgb.
func (s *Segmenter) refine(rgb []byte) error {
	work, err := s.mask.DataPtrUint8()
	if err != nil {
		return err
	}
	full, err := s.full.DataPtrUint8()
	if err != nil {
		return err
	}
	tb, err1 := s.plate.tBright.DataPtrUint8()
	td, err2 := s.plate.tDark.DataPtrUint8()
	tc, err3 := s.plate.tChroma.DataPtrUint8()
	if err1 != nil || err2 != nil || err3 != nil {
		return fmt.Errorf("plate thresholds: %v %v %v", err1, err2, err3)
	}
	d, ww, wh, w := s.p.Downscale, s.ww, s.wh, s.w
	mean := s.fplate.mean
	test := func(wi, x0, y0 int) {
		tB, tD, tC := int32(tb[wi]), int32(td[wi]), int32(tc[wi])
		for y := y0; y < y0+d; y++ {
			for x := x0; x < x0+d; x++ {
				p := y*w + x
				Y, Cr, Cb := ycc(rgb[3*p], rgb[3*p+1], rgb[3*p+2])
				mY := mean[3*p]
				fg := absDiff(Cr, mean[3*p+1])+absDiff(Cb, mean[3*p+2]) > tC ||
					int32(Y)-int32(mY) > tB || int32(mY)-int32(Y) > tD
				if fg {
					full[p] = 255
				} else {
					full[p] = 0
				}
			}
		}
	}
	for wy := 0; wy < wh; wy++ {
		row := work[wy*ww : (wy+1)*ww]
		var next []uint8
		if wy+1 < wh {
			next = work[(wy+1)*ww : (wy+2)*ww]
		}
		for wx := 0; wx < ww; {
			// Skip 8 pixels at a time where the row and the next agree.
			if wx+9 <= ww && next != nil {
				a := binary.LittleEndian.Uint64(row[wx:])
				b := binary.LittleEndian.Uint64(row[wx+1:])
				c := binary.LittleEndian.Uint64(next[wx:])
				if a == b && a == c {
					wx += 8
					continue
				}
			}
			v := row[wx]
			edge := wx+1 < ww && row[wx+1] != v || next != nil && next[wx] != v
			if edge {
				test(wy*ww+wx, wx*d, wy*d)
				if wx+1 < ww && row[wx+1] != v {
					test(wy*ww+wx+1, (wx+1)*d, wy*d)
				}
				if next != nil && next[wx] != v {
					test((wy+1)*ww+wx, wx*d, (wy+1)*d)
				}
			}
			wx++
		}
	}
	return nil
}
