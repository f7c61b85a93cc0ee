package testmask

import "math"

// shape is one solid part of the silhouette: a capsule, the set of points
// within r of the segment (x0,y0)-(x1,y1), optionally squashed along x.
type shape struct {
	x0, y0, x1, y1, r float64
	sx                float64 // horizontal scale of the distance, 1 for a round capsule
}

// person lists the body parts in units where the image is 1080 high and the
// person stands centred on x = 0, feet near y = 1040. The arms hang a little
// away from the torso so that the silhouette has holes between arm and body.
var person = []shape{
	{0, 150, 0, 170, 62, 1.15},     // head
	{0, 210, 0, 260, 30, 1},        // neck
	{0, 330, 0, 540, 112, 1},       // torso
	{-40, 590, 40, 590, 95, 1},     // hips
	{-120, 290, 120, 290, 52, 1},   // shoulders
	{-160, 300, -205, 470, 34, 1},  // left upper arm
	{-205, 470, -190, 640, 29, 1},  // left forearm
	{-188, 665, -186, 690, 30, 1},  // left hand
	{160, 300, 215, 460, 34, 1},    // right upper arm
	{215, 460, 240, 625, 29, 1},    // right forearm
	{242, 650, 246, 675, 30, 1},    // right hand
	{-55, 640, -75, 830, 50, 1},    // left thigh
	{-75, 830, -80, 1010, 38, 1},   // left shin
	{-80, 1025, -120, 1030, 22, 1}, // left foot
	{55, 640, 85, 830, 50, 1},      // right thigh
	{85, 830, 95, 1010, 38, 1},     // right shin
	{95, 1025, 135, 1030, 22, 1},   // right foot
}

// Person draws a standing person centred in a w x h image, scaled so that
// the figure fills about 90% of the height. The result is row-major, 0
// outside and 255 inside.
func Person(w, h int) []uint8 {
	pix := make([]uint8, w*h)
	s := float64(h) / 1080
	cx := float64(w) / 2
	for _, p := range person {
		p.draw(pix, w, h, cx, s)
	}
	return pix
}

// draw sets every pixel whose centre lies inside the capsule.
func (p shape) draw(pix []uint8, w, h int, cx, s float64) {
	ax, ay := cx+p.x0*s, p.y0*s
	bx, by := cx+p.x1*s, p.y1*s
	r := p.r * s
	rx := r * p.sx
	x0 := clamp(int(math.Floor(math.Min(ax, bx)-rx)), 0, w)
	x1 := clamp(int(math.Ceil(math.Max(ax, bx)+rx))+1, 0, w)
	y0 := clamp(int(math.Floor(math.Min(ay, by)-r)), 0, h)
	y1 := clamp(int(math.Ceil(math.Max(ay, by)+r))+1, 0, h)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	for y := y0; y < y1; y++ {
		py := float64(y) + 0.5
		for x := x0; x < x1; x++ {
			px := float64(x) + 0.5
			t := 0.0
			if l2 > 0 {
				t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
			}
			ex := (px - (ax + t*dx)) / p.sx
			ey := py - (ay + t*dy)
			if ex*ex+ey*ey <= r*r {
				pix[y*w+x] = 255
			}
		}
	}
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
