package segment

import "cloudme.dev/booth-capture/internal/cvx"

// The plate method works at 1/Downscale, which loses up to a pixel of the
// outline at full size. Segmenter.refine redraws the outline at full size
// (cvx.Refine): every full-size pixel under a work pixel on the mask's
// edge is tested again against a full-size plate, so the mask's edge is
// as sharp as the camera. The inside and outside come from the work mask,
// which the clean-up made trustworthy; only a band of 2*Downscale pixels
// is re-tested, and only the mask's box is written.

// fullPlate is the mean empty booth at full size, YCrCb.
type fullPlate struct {
	sum  []uint16 // 3 per pixel; PlateFrames <= 256 keeps it from overflowing
	n    int
	mean []uint8
	// cvx is the plate as cvx.Refine reads it: mean and the work-size
	// thresholds.
	cvx cvx.FullPlate
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
