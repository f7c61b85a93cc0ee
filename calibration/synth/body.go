package synth

import (
	"math"
	"math/rand/v2"
	"sort"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/proto/mesh"
)

// Body is the person in one pose: the ground truth of one instant. Its
// shape is the union of the posed parts; Contains is exact for it.
type Body struct {
	person   *Person
	t        float64
	frames   [numFrames]frame // with the floor shift applied
	partLo   []vec3           // world box of each part
	partHi   []vec3
	lo, hi   vec3
	surfaces []raster.Surface
}

// Pose places the person at time t (seconds) of its motion. The same
// person and t always give the same body. The lowest point of the body
// touches the floor (y = 0).
func (p *Person) Pose(t float64) *Body {
	a := p.angles(p.params.Motion, t)
	b := &Body{person: p, t: t, frames: skeletonFrames(&p.dims, &a)}
	lo, _ := p.poseBounds(a)
	shift := vec3{0, -lo[1], 0}
	for i := range b.frames {
		b.frames[i].T = add3(b.frames[i].T, shift)
	}
	b.partLo = make([]vec3, len(p.parts))
	b.partHi = make([]vec3, len(p.parts))
	for i := range p.parts {
		b.partLo[i], b.partHi[i] = partBounds(&p.parts[i], &b.frames[p.parts[i].frame])
		for k := 0; k < 3; k++ {
			if i == 0 || b.partLo[i][k] < b.lo[k] {
				b.lo[k] = b.partLo[i][k]
			}
			if i == 0 || b.partHi[i][k] > b.hi[k] {
				b.hi[k] = b.partHi[i][k]
			}
		}
	}
	b.surfaces = make([]raster.Surface, 0, numGroups)
	for gi := range p.groups {
		gr := &p.groups[gi]
		pos := make([]float32, len(gr.local))
		for v := 0; v < len(gr.local)/3; v++ {
			f := &b.frames[p.parts[gr.part[v]].frame]
			l := vec3{gr.local[3*v], gr.local[3*v+1], gr.local[3*v+2]}
			w := add3(mulMV(&f.R, l), f.T)
			pos[3*v], pos[3*v+1], pos[3*v+2] = float32(w[0]), float32(w[1]), float32(w[2])
		}
		b.surfaces = append(b.surfaces, raster.Surface{
			Mesh:    &mesh.Mesh{Positions: pos, Colors: gr.colors, Indices: gr.idx},
			UV:      gr.uv,
			Texture: gr.texture,
		})
	}
	return b
}

// Time returns the time the body was posed at.
func (b *Body) Time() float64 { return b.t }

// Surfaces returns the body as textured surfaces for rendering (skin and
// shoes with vertex colours, the shirt and the trousers textured). They
// share colour, index and UV arrays with the Person: read-only.
func (b *Body) Surfaces() []raster.Surface { return b.surfaces }

// Mesh returns the whole body as one mesh with the textures baked into
// per-vertex colours. The mesh is the caller's own.
func (b *Body) Mesh() *mesh.Mesh {
	p := b.person
	m := &mesh.Mesh{
		Colors:  append([]uint8(nil), p.meshColors...),
		Indices: append([]uint32(nil), p.meshIdx...),
	}
	n := 0
	for _, s := range b.surfaces {
		n += len(s.Mesh.Positions)
	}
	m.Positions = make([]float32, 0, n)
	for _, s := range b.surfaces {
		m.Positions = append(m.Positions, s.Mesh.Positions...)
	}
	return m
}

// Bounds returns the exact axis-aligned box of the body (of its analytic
// parts; the tessellated mesh lies inside it).
func (b *Body) Bounds() (lo, hi [3]float64) { return b.lo, b.hi }

// Contains reports whether p lies inside or on the body: exact for the
// union of the analytic parts. It satisfies metrics.Solid.
func (b *Body) Contains(p [3]float64) bool {
	return b.containsExcept(p, -1)
}

// containsExcept is Contains ignoring part skip.
func (b *Body) containsExcept(p vec3, skip int) bool {
	if !inBox(p, b.lo, b.hi) {
		return false
	}
	parts := b.person.parts
	for i := range parts {
		if i == skip || !inBox(p, b.partLo[i], b.partHi[i]) {
			continue
		}
		f := &b.frames[parts[i].frame]
		if parts[i].shape.containsLocal(mulMtV(&f.R, sub3(p, f.T))) {
			return true
		}
	}
	return false
}

// inBox reports whether p lies in the closed box [lo, hi].
func inBox(p, lo, hi vec3) bool {
	return p[0] >= lo[0] && p[0] <= hi[0] && p[1] >= lo[1] && p[1] <= hi[1] && p[2] >= lo[2] && p[2] <= hi[2]
}

// SurfaceSamples returns n points spread uniformly by area over the outer
// surface of the union: points of each part's tessellated surface that lie
// inside no other part. They sit on the tessellation, within its chord
// error (about a millimetre at the default detail) of the exact surface.
// The same body, n and seed give the same points.
func (b *Body) SurfaceSamples(n int, seed int64) [][3]float64 {
	if n <= 0 {
		return nil
	}
	type tri struct {
		a, b, c vec3
		part    int32
	}
	var tris []tri
	var cdf []float64
	var total float64
	for gi, s := range b.surfaces {
		gr := &b.person.groups[gi]
		pos := s.Mesh.Positions
		at := func(i uint32) vec3 {
			return vec3{float64(pos[3*i]), float64(pos[3*i+1]), float64(pos[3*i+2])}
		}
		for t := 0; t+2 < len(gr.idx); t += 3 {
			x, y, z := at(gr.idx[t]), at(gr.idx[t+1]), at(gr.idx[t+2])
			area := norm3(cross3(sub3(y, x), sub3(z, x))) / 2
			if area == 0 {
				continue
			}
			total += area
			tris = append(tris, tri{x, y, z, gr.part[gr.idx[t]]})
			cdf = append(cdf, total)
		}
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5851f42d4c957f2d))
	out := make([][3]float64, 0, n)
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		k := sort.SearchFloat64s(cdf, rng.Float64()*total)
		if k >= len(tris) {
			k = len(tris) - 1
		}
		t := &tris[k]
		r1, r2 := math.Sqrt(rng.Float64()), rng.Float64()
		p := add3(add3(scale3(t.a, 1-r1), scale3(t.b, r1*(1-r2))), scale3(t.c, r1*r2))
		if b.containsExcept(p, int(t.part)) {
			continue
		}
		out = append(out, p)
	}
	return out
}
