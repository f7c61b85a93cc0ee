package cvx

// #include "cvx.h"
import "C"

import (
	"fmt"
	"image"
	"unsafe"
)

// WorkSize is the size of a w x h image downscaled by d: the d x d blocks
// that fit whole (a remainder of fewer than d columns or rows is left
// out).
func WorkSize(w, h, d int) (ww, wh int) { return w / d, h / d }

func checkImage(rgb []byte, w, h, d int) error {
	if w < 1 || h < 1 || d < 1 || d > 8 || w < d || h < d || w > 16384 || h > 16384 {
		return fmt.Errorf("image %dx%d at downscale %d: %w", w, h, d, ErrSize)
	}
	if len(rgb) != 3*w*h {
		return fmt.Errorf("%d bytes for a %dx%d RGB image: %w", len(rgb), w, h, ErrSize)
	}
	return nil
}

func u8(b []byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(&b[0])) }

// Downscale writes the mean of each d x d block of the RGB image rgb
// (w x h, 3 bytes a pixel), rounded to nearest, into work (WorkSize,
// 3 bytes a pixel).
func Downscale(rgb []byte, w, h, d int, work []byte, s *Scratch) error {
	if err := checkImage(rgb, w, h, d); err != nil {
		return err
	}
	ww, wh := WorkSize(w, h, d)
	if len(work) != 3*ww*wh {
		return fmt.Errorf("%d bytes for a %dx%d work image: %w", len(work), ww, wh, ErrSize)
	}
	s.rows(downscaleRow(w))
	C.cvx_downscale(u8(rgb), C.int(w), C.int(h), C.int(d), u8(work), (*C.uint16_t)(unsafe.Pointer(&s.row[0])))
	return nil
}

// RGBToYCrCb converts RGB to YCrCb as OpenCV's 8-bit conversion does
// (14-bit fixed point); ycc has the length of rgb.
func RGBToYCrCb(rgb, ycc []byte) error {
	if len(rgb) != len(ycc) || len(rgb)%3 != 0 {
		return fmt.Errorf("%d RGB bytes into %d: %w", len(rgb), len(ycc), ErrSize)
	}
	if len(rgb) == 0 {
		return nil
	}
	C.cvx_rgb_to_ycc(u8(rgb), C.long(len(rgb)/3), u8(ycc))
	return nil
}

// Plate is a background plate at work size as PlateDiff reads it.
type Plate struct {
	Mean []byte // YCrCb, 3 bytes a pixel
	// Per pixel: foreground when brighter than the plate by more than
	// Bright, darker by more than both Bright and Shadow (the darkening a
	// shadow explains), or when |dCr|+|dCb| (saturated at 255) exceeds
	// Chroma.
	Bright, Chroma, Shadow []byte
	// Region test: where the sum of the change over the (2*Radius+1)^2
	// window, borders reflected, exceeds RegionSum, pixels whose own
	// change exceeds Weak are foreground too. Radius <= 0: no region test.
	Radius, RegionSum, Weak int
}

// PlateDiff downscales rgb (w x h) by d into work and tests it against
// the plate in one pass over the frame; mask gets 255 on the foreground,
// 0 elsewhere. Both are work size (work 3 bytes a pixel). It returns the
// bounds of the foreground (empty when none).
//
// A pixel's change, for the region test, is its chroma change plus its
// brightening plus its darkening beyond Shadow, each sum saturated at 255.
func PlateDiff(rgb []byte, w, h, d int, p *Plate, work, mask []byte, s *Scratch) (image.Rectangle, error) {
	if err := checkImage(rgb, w, h, d); err != nil {
		return image.Rectangle{}, err
	}
	ww, wh := WorkSize(w, h, d)
	n := ww * wh
	if len(work) != 3*n || len(mask) != n || len(p.Mean) != 3*n ||
		len(p.Bright) != n || len(p.Chroma) != n || len(p.Shadow) != n {
		return image.Rectangle{}, fmt.Errorf("plate diff buffers for a %dx%d work image: %w", ww, wh, ErrSize)
	}
	if p.Radius > 64 || p.RegionSum < 0 || p.Weak < 0 || p.Weak > 255 {
		return image.Rectangle{}, fmt.Errorf("region radius %d, sum %d, weak %d: %w", p.Radius, p.RegionSum, p.Weak, ErrSize)
	}
	r := max(p.Radius, 0)
	s.rows(downscaleRow(w) + ((2*r+2)*ww+3)/4 + 2*(ww+2*r) + 2)
	C.cvx_plate_diff(u8(rgb), C.int(w), C.int(h), C.int(d), u8(p.Mean), u8(p.Bright), u8(p.Chroma), u8(p.Shadow),
		C.int(p.Radius), C.int(p.RegionSum), C.int(p.Weak), u8(work), u8(mask), (*C.uint32_t)(unsafe.Pointer(&s.row[0])), &s.box[0])
	return image.Rect(int(s.box[0]), int(s.box[1]), int(s.box[2]), int(s.box[3])), nil
}

// downscaleRow is the uint32s the downscale's row buffer takes: 3*w
// uint16s and 3*w bytes.
func downscaleRow(w int) int { return (9*w + 3) / 4 }
