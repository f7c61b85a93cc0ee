package testmask

import "math/rand/v2"

// Checkerboard draws single-pixel squares, the worst case for a run-length
// coder: every pixel starts or ends a run.
func Checkerboard(w, h int) []uint8 {
	pix := make([]uint8, w*h)
	for y := range h {
		for x := range w {
			if (x+y)%2 == 0 {
				pix[y*w+x] = 255
			}
		}
	}
	return pix
}

// Noise sets each pixel inside with probability p, using inside values from
// 1 to 255 so that codecs are checked to treat any non-zero byte as inside.
// The same seed gives the same mask.
func Noise(w, h int, p float64, seed uint64) []uint8 {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pix := make([]uint8, w*h)
	for i := range pix {
		if rng.Float64() < p {
			pix[i] = uint8(1 + rng.IntN(255))
		}
	}
	return pix
}

// Rect is a pixel rectangle, Min inclusive and Max exclusive.
type Rect struct{ MinX, MinY, MaxX, MaxY int }

// Bounds returns the smallest rectangle holding every non-zero pixel, and
// false when there is none.
func Bounds(pix []uint8, w, h int) (Rect, bool) {
	r := Rect{MinX: w, MinY: h}
	for y := range h {
		row := pix[y*w : (y+1)*w]
		for x, v := range row {
			if v != 0 {
				r.MinX, r.MaxX = min(r.MinX, x), max(r.MaxX, x+1)
				r.MinY, r.MaxY = min(r.MinY, y), max(r.MaxY, y+1)
			}
		}
	}
	return r, r.MaxX > r.MinX
}

// Crop copies the rectangle r out of a w-wide image into a new image of
// r's size.
func Crop(pix []uint8, w int, r Rect) []uint8 {
	cw := r.MaxX - r.MinX
	out := make([]uint8, 0, cw*(r.MaxY-r.MinY))
	for y := r.MinY; y < r.MaxY; y++ {
		out = append(out, pix[y*w+r.MinX:y*w+r.MaxX]...)
	}
	return out
}
