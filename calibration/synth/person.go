package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"cloudme.dev/calibration/raster"
)

// Person limits.
const (
	MinHeight     = 1.5   // metres
	MaxHeight     = 2.0   // metres
	DefaultDetail = 60000 // triangles
	MinDetail     = 2000
	MaxDetail     = 2_000_000
)

// PersonParams chooses a synthetic person.
type PersonParams struct {
	Seed   int64   // everything random (build, colours, pattern) comes from it
	Height float64 // metres; 0 draws one from the seed in [1.55, 1.95]
	Motion Motion
	Detail int // target triangle count; 0 means DefaultDetail
}

// Person is an animated synthetic person: 17 closed parts (head, neck,
// torso, pelvis, shoulders, upper arms, forearms, hands, thighs, shins,
// feet) placed by a skeleton whose joints the motion drives. The parts are
// tessellated once, in their own frames; a pose only moves them. A Person
// is immutable and safe for concurrent use.
type Person struct {
	params     PersonParams
	height     float64
	dims       dims
	parts      []partSpec
	pal        palette
	pressedAbd float64 // shoulder abduction that presses the arms to the torso
	restAbd    float64 // shoulder abduction with the arms hanging free
	groups     [numGroups]group
	partGroup  []partRef // where each part's vertices live
	meshIdx    []uint32  // all groups' triangles, for Body.Mesh
	meshColors []uint8   // all groups' baked colours, for Body.Mesh
}

// Surface groups: parts that share a texture are drawn as one surface.
const (
	groupPlain    = iota // vertex colours only: skin, head, shoes
	groupShirt           // shirt texture
	groupTrousers        // trousers texture
	numGroups
)

// group is the cached, pose-independent half of one surface.
type group struct {
	local   []float64 // part-local vertex positions, 3 per vertex
	part    []int32   // owning part of each vertex
	colors  []uint8   // vertex colours (white under a texture)
	baked   []uint8   // vertex colours with the texture sampled in
	uv      []float32
	idx     []uint32
	texture *raster.Texture
}

// partRef locates a part's vertices and triangles in its group.
type partRef struct {
	group              int
	firstVert, nVerts  int
	firstIndex, nIndex int
}

// NewPerson builds the person for p.
func NewPerson(p PersonParams) (*Person, error) {
	rng := rand.New(rand.NewPCG(uint64(p.Seed), 0x9e3779b97f4a7c15))
	h := p.Height
	drawn := 1.55 + 0.40*rng.Float64()
	if h == 0 {
		h = drawn
	}
	if math.IsNaN(h) || h < MinHeight || h > MaxHeight {
		return nil, fmt.Errorf("person height %g m (want %g to %g): %w", p.Height, MinHeight, MaxHeight, ErrParams)
	}
	if p.Motion < Standing || p.Motion > Tour {
		return nil, fmt.Errorf("person motion %d: %w", int(p.Motion), ErrParams)
	}
	if p.Detail == 0 {
		p.Detail = DefaultDetail
	}
	if p.Detail < MinDetail || p.Detail > MaxDetail {
		return nil, fmt.Errorf("person detail %d triangles (want %d to %d): %w", p.Detail, MinDetail, MaxDetail, ErrParams)
	}
	girth := 0.9 + 0.22*rng.Float64()
	shoulders := 0.95 + 0.13*rng.Float64()
	per := &Person{params: p, height: h, pal: newPalette(rng)}

	// Scale the skeleton so that the neutral pose is exactly h tall.
	k := h / 1.75
	for i := 0; i < 3; i++ {
		per.dims = referenceDims(k, girth, shoulders)
		per.parts = bodyPlan(&per.dims)
		lo, hi := per.poseBounds(jointAngles{})
		k *= h / (hi[1] - lo[1])
	}
	per.dims = referenceDims(k, girth, shoulders)
	per.parts = bodyPlan(&per.dims)
	per.tessellate(p.Detail)
	if err := per.findArmAngles(); err != nil {
		return nil, err
	}
	return per, nil
}

// Params returns the parameters, with defaults filled in.
func (p *Person) Params() PersonParams { return p.params }

// Height returns the person's standing height in metres.
func (p *Person) Height() float64 { return p.height }

// TriangleCount returns the number of triangles of every pose's mesh.
func (p *Person) TriangleCount() int { return len(p.meshIdx) / 3 }

// poseBounds returns the exact box of the parts in a pose, before the
// floor shift.
func (p *Person) poseBounds(a jointAngles) (lo, hi vec3) {
	f := skeletonFrames(&p.dims, &a)
	for i := range p.parts {
		pl, ph := partBounds(&p.parts[i], &f[p.parts[i].frame])
		for k := 0; k < 3; k++ {
			if i == 0 || pl[k] < lo[k] {
				lo[k] = pl[k]
			}
			if i == 0 || ph[k] > hi[k] {
				hi[k] = ph[k]
			}
		}
	}
	return lo, hi
}

// partBounds returns the world box of a part placed by frame f.
func partBounds(s *partSpec, f *frame) (lo, hi vec3) {
	lo, hi = s.shape.boundsUnder(&f.R)
	return add3(lo, f.T), add3(hi, f.T)
}
