package synth

import "math/rand/v2"

// palette is a person's clothing and skin colours, drawn from the seed.
type palette struct {
	skin, hair, lips, eyes [3]uint8
	shirt, stripe          [3]uint8
	checks                 bool // shirt pattern: checks instead of stripes
	trousers               [3]uint8
	shoe, sole             [3]uint8
}

var (
	skinTones     = [][3]uint8{{255, 219, 186}, {241, 194, 155}, {224, 172, 130}, {198, 134, 92}, {141, 85, 55}, {96, 60, 40}}
	hairColours   = [][3]uint8{{25, 20, 18}, {60, 40, 28}, {110, 75, 45}, {200, 165, 100}, {140, 60, 30}, {150, 150, 150}}
	shirtColours  = [][3]uint8{{200, 40, 40}, {40, 80, 190}, {40, 150, 70}, {230, 190, 40}, {230, 120, 30}, {120, 50, 160}, {30, 150, 160}, {235, 235, 230}}
	stripeColours = [][3]uint8{{250, 250, 250}, {20, 30, 70}, {15, 15, 15}, {250, 220, 60}}
	trouserColour = [][3]uint8{{40, 55, 95}, {25, 25, 28}, {190, 165, 120}, {110, 110, 115}, {85, 95, 55}, {100, 65, 40}}
	shoeColours   = [][3]uint8{{240, 240, 240}, {20, 20, 20}, {110, 65, 35}, {190, 30, 40}}
)

// newPalette draws a palette; stripes never match the shirt.
func newPalette(rng *rand.Rand) palette {
	pick := func(l [][3]uint8) [3]uint8 { return l[rng.IntN(len(l))] }
	p := palette{
		skin:     pick(skinTones),
		hair:     pick(hairColours),
		lips:     [3]uint8{170, 70, 70},
		eyes:     [3]uint8{35, 30, 30},
		shirt:    pick(shirtColours),
		checks:   rng.IntN(2) == 1,
		trousers: pick(trouserColour),
		shoe:     pick(shoeColours),
	}
	for {
		p.stripe = pick(stripeColours)
		if colourDistance(p.stripe, p.shirt) > 120 {
			break
		}
	}
	p.sole = [3]uint8{225, 220, 205}
	if p.shoe[0] > 200 {
		p.sole = [3]uint8{60, 60, 60}
	}
	return p
}

// colourDistance is the L1 distance of two colours.
func colourDistance(a, b [3]uint8) int {
	d := 0
	for k := 0; k < 3; k++ {
		x := int(a[k]) - int(b[k])
		if x < 0 {
			x = -x
		}
		d += x
	}
	return d
}

// shade scales a colour by f, clamped.
func shade(c [3]uint8, f float64) [3]uint8 {
	var o [3]uint8
	for k := 0; k < 3; k++ {
		o[k] = clampByte(float64(c[k]) * f)
	}
	return o
}

// clampByte rounds v into [0, 255].
func clampByte(v float64) uint8 {
	switch {
	case !(v > 0):
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
