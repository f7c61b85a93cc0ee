package meshcodec

import "math"

// grid is the uniform quantization grid of the positions: one step for all
// three axes, from the largest side of the bounding box.
type grid struct {
	lo    [3]float64
	step  float64 // metres per step; 0 for a box of size 0
	scale float64 // steps per metre; 0 for a box of size 0
	maxq  int32
}

func newGrid(lo, hi [3]float32, bits int) grid {
	g := grid{maxq: int32(1)<<bits - 1}
	extent := 0.0
	for a := 0; a < 3; a++ {
		g.lo[a] = float64(lo[a])
		extent = math.Max(extent, float64(hi[a])-float64(lo[a]))
	}
	if extent > 0 {
		g.step = extent / float64(g.maxq)
		g.scale = float64(g.maxq) / extent
	}
	return g
}

func (g grid) quantize(v float32, axis int) int32 {
	q := int32(math.Floor((float64(v)-g.lo[axis])*g.scale + 0.5))
	return min(max(q, 0), g.maxq)
}

func (g grid) dequantize(q int32, axis int) float32 {
	return float32(g.lo[axis] + float64(q)*g.step)
}

// quantizeColor maps an 8-bit channel to bits bits with rounding.
func quantizeColor(c uint8, maxc int32) int32 {
	return (int32(c)*maxc + 127) / 255
}

// dequantizeColor maps a bits-bit channel back to 8 bits with rounding.
func dequantizeColor(q, maxc int32) uint8 {
	return uint8((q*255 + maxc/2) / maxc)
}

// toYCoCg is the lossless YCoCg-R transform of quantized r, g, b.
func toYCoCg(r, g, b int32) (y, co, cg int32) {
	co = r - b
	t := b + co>>1
	cg = g - t
	y = t + cg>>1
	return y, co, cg
}

// fromYCoCg inverts toYCoCg.
func fromYCoCg(y, co, cg int32) (r, g, b int32) {
	t := y - cg>>1
	g = cg + t
	b = t - co>>1
	r = b + co
	return r, g, b
}
