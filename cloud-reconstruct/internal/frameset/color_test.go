package frameset

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// Every (Y, Cb, Cr) converts to what the standard library gives.
func TestYCCToRGBMatchesStdlib(t *testing.T) {
	t.Parallel()
	for y := 0; y < 256; y++ {
		for cb := 0; cb < 256; cb++ {
			for cr := 0; cr < 256; cr++ {
				r, g, b := yccToRGB(uint8(y), uint8(cb), uint8(cr))
				wr, wg, wb := color.YCbCrToRGB(uint8(y), uint8(cb), uint8(cr))
				if r != wr || g != wg || b != wb {
					t.Fatalf("YCbCr %d %d %d: got %d %d %d, want %d %d %d", y, cb, cr, r, g, b, wr, wg, wb)
				}
			}
		}
	}
}

// ToRGB of a YCbCr image, for every subsampling and for an image whose
// bounds do not start at a multiple of the subsampling, gives each
// pixel's own colour.
func TestToRGBYCbCr(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	ratios := []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410}
	for _, ratio := range ratios {
		for _, r := range []image.Rectangle{image.Rect(0, 0, 37, 21), image.Rect(3, 5, 42, 30)} {
			full := image.NewYCbCr(image.Rect(0, 0, 48, 32), ratio)
			for _, p := range [][]uint8{full.Y, full.Cb, full.Cr} {
				for i := range p {
					p[i] = uint8(rng.IntN(256))
				}
			}
			m := full.SubImage(r).(*image.YCbCr)
			got := ToRGB([]uint8{9}, m)
			if len(got) != 1+3*r.Dx()*r.Dy() || got[0] != 9 {
				t.Fatalf("%v %v: %d bytes, want the prefix and %d", ratio, r, len(got), 3*r.Dx()*r.Dy())
			}
			got = got[1:]
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					c := m.YCbCrAt(x, y)
					wr, wg, wb := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
					k := 3 * ((y-r.Min.Y)*r.Dx() + x - r.Min.X)
					if got[k] != wr || got[k+1] != wg || got[k+2] != wb {
						t.Fatalf("%v %v: pixel (%d, %d) is %v, want %d %d %d", ratio, r, x, y, got[k:k+3], wr, wg, wb)
					}
				}
			}
		}
	}
}
