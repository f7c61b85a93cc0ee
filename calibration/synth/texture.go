package synth

import "cloudme.dev/calibration/raster"

// Physical size of one texture repeat, metres: small enough that colour
// errors of a few centimetres show, large enough to be resolved at 720p.
const (
	shirtPeriod    = 0.09
	trousersPeriod = 0.03
)

// shirtTexture draws one repeat of the shirt pattern: horizontal stripes,
// or checks, each with a thin dark line so edges are sharp.
func shirtTexture(p *palette) *raster.Texture {
	const n = 64
	t := &raster.Texture{Width: n, Height: n, Pix: make([]uint8, 3*n*n)}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := p.shirt
			band := y >= 36 && y < 54
			if p.checks {
				band = (x < n/2) != (y < n/2)
			}
			if band {
				c = p.stripe
			}
			if y == 58 || (p.checks && x == 58) {
				c = shade(c, 0.45)
			}
			copy(t.Pix[3*(y*n+x):], c[:])
		}
	}
	return t
}

// trousersTexture draws a twill: diagonal lines a little darker than the
// cloth.
func trousersTexture(p *palette) *raster.Texture {
	const n = 16
	t := &raster.Texture{Width: n, Height: n, Pix: make([]uint8, 3*n*n)}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := p.trousers
			if (x+y)%8 < 3 {
				c = shade(c, 0.78)
			}
			copy(t.Pix[3*(y*n+x):], c[:])
		}
	}
	return t
}
