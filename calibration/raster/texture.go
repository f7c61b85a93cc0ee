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
	fx, fy := math.Floor(x), math.Floor(y)
	ax, ay := x-fx, y-fy
	x0 := wrap(fx, t.Width)
	y0 := wrap(fy, t.Height)
	x1, y1 := x0+1, y0+1
	if x1 == t.Width {
		x1 = 0
	}
	if y1 == t.Height {
		y1 = 0
	}
	r0, r1 := 3*y0*t.Width, 3*y1*t.Width
	p00, p10 := t.Pix[r0+3*x0:r0+3*x0+3], t.Pix[r0+3*x1:r0+3*x1+3]
	p01, p11 := t.Pix[r1+3*x0:r1+3*x0+3], t.Pix[r1+3*x1:r1+3*x1+3]
	var c [3]float64
	for k := 0; k < 3; k++ {
		top := float64(p00[k]) + ax*(float64(p10[k])-float64(p00[k]))
		bot := float64(p01[k]) + ax*(float64(p11[k])-float64(p01[k]))
		c[k] = top + ay*(bot-top)
	}
	return c
}

// maxTexCoord bounds texel coordinates so that they convert to int exactly.
const maxTexCoord = 1 << 52

// wrap maps the integer-valued f (|f| < maxTexCoord) into [0, n).
func wrap(f float64, n int) int {
	i := int(f) % n
	if i < 0 {
		i += n
	}
	return i
}
