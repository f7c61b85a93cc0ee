package raster

import (
	"fmt"
	"math"
)

// Texture is an RGB image (3 bytes per texel, row-major) sampled with
// bilinear filtering and wrapping (repeat) addressing. Texture coordinates
// follow glTF: u runs right and v runs down the image, (0, 0) is the
// top-left corner of texel (0, 0) and texel (i, j) has its centre at
// ((i+0.5)/Width, (j+0.5)/Height).
type Texture struct {
	Width, Height int
	Pix           []uint8
}

// check reports whether the texture is well formed.
func (t *Texture) check() error {
	if t.Width <= 0 || t.Height <= 0 {
		return fmt.Errorf("texture is %dx%d", t.Width, t.Height)
	}
	if len(t.Pix) != 3*t.Width*t.Height {
		return fmt.Errorf("texture has %d bytes for %dx%d RGB texels", len(t.Pix), t.Width, t.Height)
	}
	return nil
}

// Sample returns the bilinearly filtered colour at (u, v), each channel in
// [0, 255]. Coordinates wrap, so u and u+1 give the same colour. Non-finite
// coordinates give black.
func (t *Texture) Sample(u, v float64) [3]float64 {
	x := u*float64(t.Width) - 0.5
	y := v*float64(t.Height) - 0.5
	if !(math.Abs(x) < maxTexCoord && math.Abs(y) < maxTexCoord) {
		return [3]float64{} // NaN, infinite or absurdly far
	}
	ix, iy := floorInt(x), floorInt(y)
	ax, ay := x-float64(ix), y-float64(iy)
	x0, y0 := wrapInt(ix, t.Width), wrapInt(iy, t.Height)
	x1, y1 := x0+1, y0+1
	if x1 == t.Width {
		x1 = 0
	}
	if y1 == t.Height {
		y1 = 0
	}
	r0, r1 := 3*y0*t.Width, 3*y1*t.Width
	p00 := (*[3]uint8)(t.Pix[r0+3*x0:])
	p10 := (*[3]uint8)(t.Pix[r0+3*x1:])
	p01 := (*[3]uint8)(t.Pix[r1+3*x0:])
	p11 := (*[3]uint8)(t.Pix[r1+3*x1:])
	return [3]float64{
		lerp2(p00[0], p10[0], p01[0], p11[0], ax, ay),
		lerp2(p00[1], p10[1], p01[1], p11[1], ax, ay),
		lerp2(p00[2], p10[2], p01[2], p11[2], ax, ay),
	}
}

// lerp2 interpolates bilinearly between the texel values c00 (top left),
// c10 (top right), c01 and c11 (bottom).
func lerp2(c00, c10, c01, c11 uint8, ax, ay float64) float64 {
	top := float64(c00) + ax*(float64(c10)-float64(c00))
	bot := float64(c01) + ax*(float64(c11)-float64(c01))
	return top + ay*(bot-top)
}

// floorInt returns floor(f) for |f| < maxTexCoord, without math.Floor.
func floorInt(f float64) int {
	i := int(f) // truncates towards zero
	if float64(i) > f {
		i--
	}
	return i
}

// maxTexCoord bounds texel coordinates so that they convert to int exactly.
const maxTexCoord = 1 << 52

// wrapInt maps i into [0, n) (n > 0).
func wrapInt(i, n int) int {
	if n&(n-1) == 0 { // a power of two: no division
		return i & (n - 1)
	}
	i %= n
	if i < 0 {
		i += n
	}
	return i
}
