package cvx

// #include "cvx.h"
import "C"

import (
	"fmt"
	"image"
)

// FullPlate is the plate Refine tests against: the mean at full size and
// the thresholds at work size.
type FullPlate struct {
	Mean                   []byte // YCrCb at full size, 3 bytes a pixel
	Bright, Chroma, Shadow []byte // work size, as in Plate
}

// Refine writes the work mask (ww x wh, ww = w/d, wh = h/d) scaled up
// (nearest) into full (w x h) over the work rectangle rect, and re-tests
// at full size against the plate every pixel under a work pixel on the
// mask's edge there (a work pixel that differs from its right or lower
// neighbour, and that neighbour), so that the outline is as sharp as the
// camera. full outside rect (scaled up) is not written: give a rect that
// holds the mask's box plus one work pixel and clear the rest.
func Refine(mask []byte, ww, wh, d int, rect image.Rectangle, rgb []byte, w, h int, p *FullPlate, full []byte) error {
	if err := checkImage(rgb, w, h, d); err != nil {
		return err
	}
	if ww != w/d || wh != h/d || len(mask) != ww*wh || len(full) != w*h || len(p.Mean) != 3*w*h ||
		len(p.Bright) != ww*wh || len(p.Chroma) != ww*wh || len(p.Shadow) != ww*wh {
		return fmt.Errorf("refine buffers for %dx%d at downscale %d: %w", w, h, d, ErrSize)
	}
	rect = rect.Intersect(image.Rect(0, 0, ww, wh))
	if rect.Empty() {
		return nil
	}
	C.cvx_refine(u8(mask), C.int(ww), C.int(wh), C.int(d), C.int(rect.Min.X), C.int(rect.Min.Y), C.int(rect.Max.X), C.int(rect.Max.Y),
		u8(rgb), C.int(w), C.int(h), u8(p.Mean), u8(p.Bright), u8(p.Chroma), u8(p.Shadow), u8(full))
	return nil
}
