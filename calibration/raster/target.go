package raster

import (
	"fmt"
	"math"
)

// Target is an image that Render draws into: colour, depth and mask planes
// of Width x Height pixels, row-major. Pixel (x, y) has its centre at the
// integer coordinates (x, y) and covers [x-0.5, x+0.5) x [y-0.5, y+0.5), as
// in OpenCV.
type Target struct {
	Width, Height int
	Color         []uint8   // RGB, 3 bytes per pixel
	Depth         []float32 // camera-frame z in metres; +Inf where nothing was drawn
	Mask          []uint8   // 255 where a masked surface was drawn, else 0

	drawn drawnState // what Render knows of the planes, for Options.ClearDrawn
}

// NewTarget returns a cleared (black, depth +Inf, mask 0) target of w x h
// pixels. Non-positive sizes give an empty target, which Render rejects.
func NewTarget(w, h int) *Target {
	if w < 0 || h < 0 {
		w, h = 0, 0
	}
	t := &Target{
		Width:  w,
		Height: h,
		Color:  make([]uint8, 3*w*h),
		Depth:  make([]float32, w*h),
		Mask:   make([]uint8, w*h),
	}
	t.Clear([3]uint8{})
	return t
}

// Clear sets every pixel's colour to bg, its depth to +Inf and its mask to 0.
// A malformed target (planes shorter than its size) is cleared as far as its
// planes reach.
func (t *Target) Clear(bg [3]uint8) {
	t.clearRows(0, t.Height, bg)
	t.drawn = drawnState{clean: true, bg: bg, box: emptyRect}
}

// clearRows clears rows [y0, y1).
func (t *Target) clearRows(y0, y1 int, bg [3]uint8) {
	if y1 <= y0 || t.Width <= 0 {
		return
	}
	a, b := y0*t.Width, y1*t.Width
	fillRGB(t.Color[min(3*a, len(t.Color)):min(3*b, len(t.Color))], bg)
	fillFloat32(t.Depth[min(a, len(t.Depth)):min(b, len(t.Depth))], float32(math.Inf(1)))
	clear(t.Mask[min(a, len(t.Mask)):min(b, len(t.Mask))])
}

// check reports whether the target is well formed and w x h pixels.
func (t *Target) check(w, h int) error {
	if t == nil {
		return fmt.Errorf("%w: nil target", ErrTarget)
	}
	if t.Width != w || t.Height != h {
		return fmt.Errorf("%w: target is %dx%d, camera is %dx%d", ErrTarget, t.Width, t.Height, w, h)
	}
	n := w * h
	if len(t.Color) != 3*n || len(t.Depth) != n || len(t.Mask) != n {
		return fmt.Errorf("%w: planes of %d colour, %d depth, %d mask values for %dx%d pixels",
			ErrTarget, len(t.Color), len(t.Depth), len(t.Mask), w, h)
	}
	return nil
}

// fillRGB sets every 3-byte pixel of p to c, by doubling copies.
func fillRGB(p []uint8, c [3]uint8) {
	if len(p) < 3 {
		return
	}
	p[0], p[1], p[2] = c[0], c[1], c[2]
	for n := 3; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}

// fillFloat32 sets every element of p to v, by doubling copies.
func fillFloat32(p []float32, v float32) {
	if len(p) == 0 {
		return
	}
	p[0] = v
	for n := 1; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}
