package cvx

// #include "cvx.h"
import "C"

import (
	"fmt"
	"image"
	"unsafe"
)

// CleanUpParams tune CleanUp, in work pixels.
type CleanUpParams struct {
	OpenRadius, CloseRadius int // elliptic kernels; <= 0: none
	MinBlob                 int // blobs of fewer pixels are dropped
	MaxHole                 int // holes of fewer pixels are filled; <= 0: none
}

// Blobs is what CleanUp kept.
type Blobs struct {
	Box  image.Rectangle // bounds of the kept blobs; empty when none
	Area int             // mask pixels after clean-up
}

// CleanUp cleans the binary mask (w x h, 0 or 255) in place: opening
// (drops specks), closing (bridges cracks), blobs below MinBlob dropped
// (8-connected), holes below MaxHole inside the blobs' box filled. It
// works inside the mask's bounding box plus a margin wide enough that
// the result is the same as the same OpenCV operations over the whole
// image. The mask must be 0 outside bound (the whole image, when that
// is all one knows), where its box is looked for.
func CleanUp(mask []byte, w, h int, bound image.Rectangle, p CleanUpParams, s *Scratch) (Blobs, error) {
	if w < 1 || h < 1 || len(mask) != w*h {
		return Blobs{}, fmt.Errorf("%d bytes for a %dx%d mask: %w", len(mask), w, h, ErrSize)
	}
	if p.OpenRadius > 64 || p.CloseRadius > 64 {
		return Blobs{}, fmt.Errorf("open/close radius %d/%d: %w", p.OpenRadius, p.CloseRadius, ErrSize)
	}
	s.grow(w * h)
	bound = bound.Intersect(image.Rect(0, 0, w, h))
	if C.cvx_cleanup(u8(mask), C.int(w), C.int(h), C.int(bound.Min.X), C.int(bound.Min.Y), C.int(bound.Max.X), C.int(bound.Max.Y), C.int(p.OpenRadius), C.int(p.CloseRadius), C.long(p.MinBlob), C.long(p.MaxHole),
		u8(s.a), u8(s.b), (*C.int32_t)(unsafe.Pointer(&s.labels[0])), &s.blobs, &s.msg[0], C.int(len(s.msg))) != 0 {
		return Blobs{}, fmt.Errorf("clean-up: %s: %w", C.GoString(&s.msg[0]), ErrOpenCV)
	}
	out := s.blobs
	return Blobs{Box: image.Rect(int(out.x0), int(out.y0), int(out.x1), int(out.y1)), Area: int(out.area)}, nil
}
