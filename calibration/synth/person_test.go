package synth

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

// partIndex returns the index of the named part.
func partIndex(t testing.TB, p *Person, name string) int {
	t.Helper()
	for i := range p.parts {
		if p.parts[i].name == name {
			return i
		}
	}
	t.Fatalf("no part %q", name)
	return -1
}

// partVertices returns the posed tessellation vertices of one part.
func partVertices(b *Body, part int) []vec3 {
	ref := b.person.partGroup[part]
	pos := b.surfaces[ref.group].Mesh.Positions
	out := make([]vec3, 0, ref.nVerts)
	for v := ref.firstVert; v < ref.firstVert+ref.nVerts; v++ {
		out = append(out, vec3{float64(pos[3*v]), float64(pos[3*v+1]), float64(pos[3*v+2])})
	}
	return out
}

// insidePart reports whether q lies inside part i of the body.
func insidePart(b *Body, i int, q vec3) bool {
	f := &b.frames[b.person.parts[i].frame]
	return b.person.parts[i].shape.containsLocal(mulMtV(&f.R, sub3(q, f.T)))
}

func TestPersonHeight(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		seed   int64
		height float64
	}{{1, 0}, {2, 0}, {3, 1.6}, {4, 1.9}, {5, 1.75}} {
		p, err := NewPerson(PersonParams{Seed: tc.seed, Height: tc.height})
		if err != nil {
			t.Fatal(err)
		}
		want := tc.height
		if want == 0 {
			want = p.Height()
			if want < 1.55 || want > 1.95 {
				t.Errorf("seed %d: drawn height %g outside [1.55, 1.95]", tc.seed, want)
			}
		}
		b := p.Pose(0)
		lo, hi := b.Bounds()
		if math.Abs(hi[1]-lo[1]-want) > 1e-6 {
			t.Errorf("seed %d: standing height %g, want %g", tc.seed, hi[1]-lo[1], want)
		}
		ml, mh := b.Mesh().Bounds()
		if d := want - float64(mh[1]-ml[1]); d < 0 || d > 0.005 {
			t.Errorf("seed %d: mesh height %g, exact %g", tc.seed, mh[1]-ml[1], want)
		}
		if n := p.TriangleCount(); n < 50000 || n > 70000 {
			t.Errorf("seed %d: %d triangles, want about %d", tc.seed, n, DefaultDetail)
		}
	}
}

func TestPersonParamsErrors(t *testing.T) {
	t.Parallel()
	for _, p := range []PersonParams{{Height: 1.2}, {Height: 2.5}, {Height: math.NaN()}, {Motion: Motion(9)}, {Detail: 10}} {
		if _, err := NewPerson(p); !errors.Is(err, ErrParams) {
			t.Errorf("%+v: got %v, want ErrParams", p, err)
		}
	}
}

func TestFeetOnFloor(t *testing.T) {
	t.Parallel()
	p, err := NewPerson(PersonParams{Seed: 7, Motion: Tour, Detail: 20000})
	if err != nil {
		t.Fatal(err)
	}
	for ti := 0; ti < 60; ti++ {
		tm := float64(ti) * 0.45
		b := p.Pose(tm)
		lo, _ := b.Bounds()
		if math.Abs(lo[1]) > 1e-9 {
			t.Errorf("t=%g: lowest point at y=%g", tm, lo[1])
		}
		ml, _ := b.Mesh().Bounds()
		if ml[1] < -1e-6 || ml[1] > 0.005 {
			t.Errorf("t=%g: mesh lowest point at y=%g", tm, ml[1])
		}
	}
}

func TestPersonDeterministic(t *testing.T) {
	t.Parallel()
	mk := func(seed int64) *Body {
		p, err := NewPerson(PersonParams{Seed: seed, Motion: WalkingInPlace, Detail: 10000})
		if err != nil {
			t.Fatal(err)
		}
		return p.Pose(0.7)
	}
	a, b, c := mk(11).Mesh(), mk(11).Mesh(), mk(12).Mesh()
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different meshes")
	}
	if reflect.DeepEqual(a.Positions, c.Positions) && reflect.DeepEqual(a.Colors, c.Colors) {
		t.Error("different seeds gave the same mesh")
	}
	if err := a.Validate(); err != nil {
		t.Error(err)
	}
}

func TestMotions(t *testing.T) {
	t.Parallel()
	mk := func(m Motion) *Person {
		p, err := NewPerson(PersonParams{Seed: 3, Motion: m, Detail: 10000})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("waving hand above head at the peak", func(t *testing.T) {
		t.Parallel()
		p := mk(Waving)
		hand, head := partIndex(t, p, "right-hand"), partIndex(t, p, "head")
		peak := p.Pose(WavePeriod / 2)
		if peak.partLo[hand][1] <= peak.partHi[head][1] {
			t.Errorf("at the peak the hand's lowest point %g is not above the head's top %g", peak.partLo[hand][1], peak.partHi[head][1])
		}
		rest := p.Pose(0)
		if rest.partHi[hand][1] >= rest.partLo[head][1] {
			t.Errorf("at rest the hand (top %g) is not below the head", rest.partHi[hand][1])
		}
		if peak.partHi[partIndex(t, p, "left-hand")][1] > 1.2 {
			t.Error("the left hand rose too")
		}
	})
	t.Run("turning faces +X after a quarter turn", func(t *testing.T) {
		t.Parallel()
		p := mk(Turning)
		b := p.Pose(TurnPeriod / 4)
		f := b.frames[frameRoot].R
		fwd := mulMV(&f, vec3{0, 0, 1})
		if fwd[0] < 0.99 {
			t.Errorf("forward %v after a quarter turn, want +X", fwd)
		}
	})
	t.Run("walking lifts one foot at a time", func(t *testing.T) {
		t.Parallel()
		p := mk(WalkingInPlace)
		l, r := partIndex(t, p, "left-foot"), partIndex(t, p, "right-foot")
		for _, tc := range []struct {
			t          float64
			up, ground int
		}{{StepPeriod / 4, l, r}, {3 * StepPeriod / 4, r, l}} {
			b := p.Pose(tc.t)
			if b.partLo[tc.up][1] < 0.1 {
				t.Errorf("t=%g: lifted foot at %g", tc.t, b.partLo[tc.up][1])
			}
			if math.Abs(b.partLo[tc.ground][1]) > 1e-9 {
				t.Errorf("t=%g: standing foot at %g", tc.t, b.partLo[tc.ground][1])
			}
		}
	})
	t.Run("arms pressed touch the torso, standing arms do not", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			m     Motion
			touch bool
		}{{ArmsPressed, true}, {Standing, false}} {
			p := mk(tc.m)
			b := p.Pose(1)
			torso, pelvis := partIndex(t, p, "torso"), partIndex(t, p, "pelvis")
			shoulderY := b.frames[frameUpperArmL].T[1]
			for _, arm := range [][2]string{{"left-upper-arm", "left-forearm"}, {"right-upper-arm", "right-forearm"}} {
				touching := false
				verts := append(partVertices(b, partIndex(t, p, arm[0])), partVertices(b, partIndex(t, p, arm[1]))...)
				for _, q := range verts {
					if q[1] < shoulderY-0.08 && (insidePart(b, torso, q) || insidePart(b, pelvis, q)) {
						touching = true
						break
					}
				}
				if touching != tc.touch {
					t.Errorf("%v: %s touches the torso: %v, want %v", tc.m, arm, touching, tc.touch)
				}
			}
		}
	})
	t.Run("tour visits every motion", func(t *testing.T) {
		t.Parallel()
		p := mk(Tour)
		hand, head := partIndex(t, p, "right-hand"), partIndex(t, p, "head")
		b := p.Pose(TourSegment + WavePeriod/2)
		if b.partLo[hand][1] <= b.partHi[head][1] {
			t.Error("tour's waving segment does not raise the hand")
		}
		a, c := p.angles(Tour, 2*TourSegment-1e-9), p.angles(Tour, 2*TourSegment)
		if math.Abs(wrapAngle(a.yaw-c.yaw)) > 0.05 || math.Abs(a.shoulderAbd[1]-c.shoulderAbd[1]) > 0.05 {
			t.Error("tour jumps between segments")
		}
	})
}

func TestSurfaceSamplesOnOuterSurface(t *testing.T) {
	t.Parallel()
	p, err := NewPerson(PersonParams{Seed: 5, Motion: Standing, Detail: 20000})
	if err != nil {
		t.Fatal(err)
	}
	b := p.Pose(0)
	s := b.SurfaceSamples(3000, 9)
	if len(s) != 3000 {
		t.Fatalf("%d samples, want 3000", len(s))
	}
	if !reflect.DeepEqual(s, b.SurfaceSamples(3000, 9)) {
		t.Error("samples differ for the same seed")
	}
	lo, hi := b.Bounds()
	const step = 0.006
	buried := 0
	for _, q := range s {
		if !inBox(q, sub3(lo, vec3{1e-6, 1e-6, 1e-6}), add3(hi, vec3{1e-6, 1e-6, 1e-6})) {
			t.Fatalf("sample %v outside the bounds", q)
		}
		// A point of the outer surface has the outside within a few mm, in
		// one of the 26 directions to the neighbours of a grid cell.
		out := false
		for d := 0; d < 27 && !out; d++ {
			dir := vec3{float64(d%3 - 1), float64(d/3%3 - 1), float64(d/9 - 1)}
			if d == 13 {
				continue
			}
			out = !b.Contains(add3(q, scale3(dir, step/norm3(dir))))
		}
		if !out {
			buried++
		}
		// No sample lies inside a part it does not belong to (strictly:
		// 0.5 mm in from its own surface would be inside the union anyway).
		inside := 0
		for i := range p.parts {
			if insidePart(b, i, q) {
				inside++
			}
		}
		if inside > 1 {
			t.Fatalf("sample %v lies inside %d parts", q, inside)
		}
	}
	// Creases where parts meet leave the outside a thin wedge; allow a few.
	if buried > len(s)/200 {
		t.Errorf("%d of %d samples are buried inside the body", buried, len(s))
	}
}

func TestContainsMatchesMeshVolume(t *testing.T) {
	t.Parallel()
	p, err := NewPerson(PersonParams{Seed: 8, Motion: Standing})
	if err != nil {
		t.Fatal(err)
	}
	b := p.Pose(0)
	// The parts overlap at the joints, so the union's volume lies below
	// the sum of the part meshes' volumes, but not far below.
	var sum float64
	for gi := range p.groups {
		gr := &p.groups[gi]
		pos := make([]float64, len(b.surfaces[gi].Mesh.Positions))
		for i, x := range b.surfaces[gi].Mesh.Positions {
			pos[i] = float64(x)
		}
		sum += signedVolume(pos, gr.idx)
	}
	lo, hi := b.Bounds()
	const cell = 0.01
	in := 0
	for x := lo[0] + cell/2; x < hi[0]; x += cell {
		for y := lo[1] + cell/2; y < hi[1]; y += cell {
			for z := lo[2] + cell/2; z < hi[2]; z += cell {
				if b.Contains(vec3{x, y, z}) {
					in++
				}
			}
		}
	}
	union := float64(in) * cell * cell * cell
	if union > sum*1.03 || union < sum*0.6 {
		t.Errorf("union volume %g m³, sum of part meshes %g m³", union, sum)
	}
	if union < 0.04 || union > 0.12 {
		t.Errorf("body volume %g m³ is not a person's", union)
	}
}
