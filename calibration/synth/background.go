package synth

import (
	"math"
	"math/rand/v2"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/proto/mesh"
)

// Background is the booth behind the person: a textured round wall just
// behind the cameras, a tiled floor, a ceiling and bright light panels.
// It is drawn with NoMask, so it never enters a mask, but it gives
// segmentation real work: textured, bright, and touching the feet. It is
// static, so a Booth renders it once per camera and reuses the plate.
type Background struct {
	Surfaces []raster.Surface
}

// NewBackground builds the plate for a booth of the given width and height
// (metres); the seed picks the wall tint.
func NewBackground(boothWidth, boothHeight float64, seed int64) *Background {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x2545f4914f6cdd1d))
	wallR := boothWidth/2 + 0.55
	top := boothHeight + 0.2
	tint := [3]uint8{uint8(170 + rng.IntN(50)), uint8(170 + rng.IntN(50)), uint8(170 + rng.IntN(50))}
	var bg Background

	// Wall: a cylinder facing inward, panels 0.6 m wide.
	const seg = 48
	wall := &builder{}
	for j := 0; j < seg; j++ {
		a0, a1 := 2*math.Pi*float64(j)/seg, 2*math.Pi*float64(j+1)/seg
		p := func(a, y float64) vec3 { return vec3{wallR * math.Sin(a), y, wallR * math.Cos(a)} }
		u0, u1 := wallR*a0/0.6, wallR*a1/0.6
		mid := (a0 + a1) / 2
		in := vec3{-math.Sin(mid), 0, -math.Cos(mid)}
		wall.grid([4]vec3{p(a0, 0), p(a1, 0), p(a1, top), p(a0, top)},
			[4][2]float64{{u0, top / 0.6}, {u1, top / 0.6}, {u1, 0}, {u0, 0}}, in, [3]uint8{255, 255, 255}, 12)
	}
	bg.Surfaces = append(bg.Surfaces, wall.surface(wallTexture(tint)))

	// Floor: 0.3 m tiles, facing up.
	floor := &builder{}
	e := wallR + 0.1
	floor.grid([4]vec3{{-e, 0, -e}, {e, 0, -e}, {e, 0, e}, {-e, 0, e}},
		[4][2]float64{{-e / 0.6, -e / 0.6}, {e / 0.6, -e / 0.6}, {e / 0.6, e / 0.6}, {-e / 0.6, e / 0.6}}, vec3{0, 1, 0}, [3]uint8{255, 255, 255}, 32)
	bg.Surfaces = append(bg.Surfaces, floor.surface(checkTexture([3]uint8{150, 145, 140}, [3]uint8{90, 88, 85})))

	// Ceiling, facing down, and light panels just under it and on the wall.
	plain := &builder{}
	plain.grid([4]vec3{{-e, top, -e}, {e, top, -e}, {e, top, e}, {-e, top, e}}, [4][2]float64{}, vec3{0, -1, 0}, [3]uint8{200, 200, 205}, 32)
	light := [3]uint8{255, 253, 245}
	for _, c := range [][2]float64{{-0.6, -0.6}, {0.6, -0.6}, {-0.6, 0.6}, {0.6, 0.6}} {
		y := top - 0.01
		plain.grid([4]vec3{{c[0] - 0.25, y, c[1] - 0.25}, {c[0] + 0.25, y, c[1] - 0.25}, {c[0] + 0.25, y, c[1] + 0.25}, {c[0] - 0.25, y, c[1] + 0.25}},
			[4][2]float64{}, vec3{0, -1, 0}, light, 4)
	}
	for k := 0; k < 4; k++ {
		a := 2*math.Pi*(float64(k)+0.5)/4 + rng.Float64()*0.3
		r := wallR - 0.02
		dir, side := vec3{math.Sin(a), 0, math.Cos(a)}, vec3{math.Cos(a), 0, -math.Sin(a)}
		c := scale3(dir, r)
		p := func(s, y float64) vec3 { return add3(add3(c, scale3(side, s)), vec3{0, y, 0}) }
		plain.grid([4]vec3{p(-0.12, 0.4), p(0.12, 0.4), p(0.12, 2.0), p(-0.12, 2.0)}, [4][2]float64{}, scale3(dir, -1), light, 8)
	}
	s := plain.surface(nil)
	bg.Surfaces = append(bg.Surfaces, s)
	return &bg
}

// builder accumulates quads into a NoMask surface.
type builder struct {
	pos []float32
	col []uint8
	uv  []float32
	idx []uint32
}

// grid adds a quad (corners in order round it) cut into n x n smaller
// quads, so that lens distortion bends its edges as it bends real lines.
func (b *builder) grid(p [4]vec3, uv [4][2]float64, normal vec3, c [3]uint8, n int) {
	at := func(s, t float64) (vec3, [2]float64) {
		lerp := func(a, b vec3, f float64) vec3 { return add3(scale3(a, 1-f), scale3(b, f)) }
		q := lerp(lerp(p[0], p[1], s), lerp(p[3], p[2], s), t)
		var w [2]float64
		for k := 0; k < 2; k++ {
			lo := uv[0][k]*(1-s) + uv[1][k]*s
			hi := uv[3][k]*(1-s) + uv[2][k]*s
			w[k] = lo*(1-t) + hi*t
		}
		return q, w
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s0, s1 := float64(i)/float64(n), float64(i+1)/float64(n)
			t0, t1 := float64(j)/float64(n), float64(j+1)/float64(n)
			a, ua := at(s0, t0)
			bb, ub := at(s1, t0)
			cc, uc := at(s1, t1)
			d, ud := at(s0, t1)
			b.quad([4]vec3{a, bb, cc, d}, [4][2]float64{ua, ub, uc, ud}, normal, c)
		}
	}
}

// quad adds a planar quad (corners in order round it) whose triangles face
// along normal.
func (b *builder) quad(p [4]vec3, uv [4][2]float64, normal vec3, c [3]uint8) {
	base := uint32(len(b.pos) / 3)
	for i := 0; i < 4; i++ {
		b.pos = append(b.pos, float32(p[i][0]), float32(p[i][1]), float32(p[i][2]))
		b.col = append(b.col, c[0], c[1], c[2])
		b.uv = append(b.uv, float32(uv[i][0]), float32(uv[i][1]))
	}
	if dot3(cross3(sub3(p[1], p[0]), sub3(p[2], p[0])), normal) >= 0 {
		b.idx = append(b.idx, base, base+1, base+2, base, base+2, base+3)
	} else {
		b.idx = append(b.idx, base, base+2, base+1, base, base+3, base+2)
	}
}

// surface returns the accumulated quads as one surface.
func (b *builder) surface(tex *raster.Texture) raster.Surface {
	s := raster.Surface{Mesh: &mesh.Mesh{Positions: b.pos, Colors: b.col, Indices: b.idx}, NoMask: true}
	if tex != nil {
		s.UV, s.Texture = b.uv, tex
	}
	return s
}

// wallTexture is one 0.6 m panel: the tint with a dark seam, a lighter
// band and a little fixed grain.
func wallTexture(tint [3]uint8) *raster.Texture {
	const n = 64
	rng := rand.New(rand.NewPCG(7, 11))
	t := &raster.Texture{Width: n, Height: n, Pix: make([]uint8, 3*n*n)}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			f := 0.92 + 0.08*rng.Float64()
			if x < 2 {
				f = 0.55
			}
			if y >= 20 && y < 26 {
				f *= 1.12
			}
			c := shade(tint, f)
			copy(t.Pix[3*(y*n+x):], c[:])
		}
	}
	return t
}

// checkTexture is a 2x2 checkerboard, one repeat.
func checkTexture(a, b [3]uint8) *raster.Texture {
	const n = 32
	t := &raster.Texture{Width: n, Height: n, Pix: make([]uint8, 3*n*n)}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := a
			if (x < n/2) != (y < n/2) {
				c = b
			}
			if x == 0 || y == 0 {
				c = shade(c, 0.7)
			}
			copy(t.Pix[3*(y*n+x):], c[:])
		}
	}
	return t
}
