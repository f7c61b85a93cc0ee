package synth

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"cloudme.dev/calibration/raster"
)

// smallBooth is a 4-camera 720p booth around a person.
func smallBooth(t testing.TB, m Motion) (*Booth, *Person) {
	t.Helper()
	r, err := GenerateRig(RigParams{Cameras: 4, Resolution: "720p", Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPerson(PersonParams{Seed: 2, Motion: m})
	if err != nil {
		t.Fatal(err)
	}
	return &Booth{Rig: r, Subject: p, Workers: 2}, p
}

// nearEdge reports whether a mask pixel has a differing pixel within r.
func nearEdge(v *raster.Target, x, y, r int) bool {
	m := v.Mask[y*v.Width+x]
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			xx, yy := x+dx, y+dy
			if xx < 0 || yy < 0 || xx >= v.Width || yy >= v.Height || v.Mask[yy*v.Width+xx] != m {
				return true
			}
		}
	}
	return false
}

func TestContainsAgreesWithMask(t *testing.T) {
	t.Parallel()
	b, _ := smallBooth(t, Waving)
	views := NewTargets(b.Rig)
	truth, err := b.Render(1.7, views)
	if err != nil {
		t.Fatal(err)
	}
	fig := truth.Figure
	lo, hi := fig.Bounds()
	rng := rand.New(rand.NewPCG(3, 4))
	// Points inside the body project into every mask.
	inside := 0
	for inside < 2000 {
		p := [3]float64{lo[0] + (hi[0]-lo[0])*rng.Float64(), lo[1] + (hi[1]-lo[1])*rng.Float64(), lo[2] + (hi[2]-lo[2])*rng.Float64()}
		if !fig.Contains(p) {
			continue
		}
		inside++
		for i := range b.Rig.Cameras {
			px, _ := b.Rig.Cameras[i].Project(p)
			if !b.Rig.Cameras[i].InImage(px) {
				continue // above the person box: may leave the picture
			}
			x, y := int(math.Round(px[0])), int(math.Round(px[1]))
			v := views[i]
			if v.Mask[y*v.Width+x] != 255 && !nearEdge(v, x, y, 1) {
				t.Fatalf("camera %d: inside point %v projects to unmasked pixel %d,%d", i, p, x, y)
			}
		}
	}
	// Rays through unmasked pixels away from the silhouette miss the body.
	for i := range b.Rig.Cameras {
		cam, v := &b.Rig.Cameras[i], views[i]
		checked := 0
		for tries := 0; checked < 300 && tries < 100000; tries++ {
			x, y := rng.IntN(v.Width), rng.IntN(v.Height)
			if v.Mask[y*v.Width+x] != 0 || nearEdge(v, x, y, 2) {
				continue
			}
			o, d := cam.Ray([2]float64{float64(x), float64(y)})
			if math.Abs(d[0])+math.Abs(d[1])+math.Abs(d[2]) == 0 {
				continue
			}
			checked++
			for s := 0.3; s < 4; s += 0.004 {
				q := [3]float64{o[0] + s*d[0], o[1] + s*d[1], o[2] + s*d[2]}
				if fig.Contains(q) {
					t.Fatalf("camera %d: ray through unmasked pixel %d,%d hits the body at %v", i, x, y, q)
				}
			}
		}
		// And the depth where masked is the distance to a surface point.
		for p := 0; p < len(v.Mask); p += 97 {
			if v.Mask[p] == 0 {
				if !math.IsInf(float64(v.Depth[p]), 1) {
					t.Fatalf("camera %d pixel %d: depth %g outside the mask", i, p, v.Depth[p])
				}
				continue
			}
			x, y := p%v.Width, p/v.Width
			if nearEdge(v, x, y, 1) {
				continue
			}
			o, d := cam.Ray([2]float64{float64(x), float64(y)})
			rc := cam.WorldToCamera([3]float64{o[0] + d[0], o[1] + d[1], o[2] + d[2]})
			s := float64(v.Depth[p]) / rc[2] // distance along the unit ray
			before := [3]float64{o[0] + (s-0.004)*d[0], o[1] + (s-0.004)*d[1], o[2] + (s-0.004)*d[2]}
			after := [3]float64{o[0] + (s+0.004)*d[0], o[1] + (s+0.004)*d[1], o[2] + (s+0.004)*d[2]}
			if fig.Contains(before) || !fig.Contains(after) {
				t.Fatalf("camera %d pixel %d,%d: depth %g is not at the body's surface", i, x, y, v.Depth[p])
			}
		}
	}
}

func TestBackgroundNeverMasks(t *testing.T) {
	t.Parallel()
	b, _ := smallBooth(t, Standing)
	plain := NewTargets(b.Rig)
	if _, err := b.Render(0.5, plain); err != nil {
		t.Fatal(err)
	}
	bg := &Booth{Rig: b.Rig, Subject: b.Subject, Background: NewBackground(DefaultWidth, DefaultHeight, 1)}
	withBG := NewTargets(b.Rig)
	if _, err := bg.Render(0.5, withBG); err != nil {
		t.Fatal(err)
	}
	for i := range plain {
		if !reflect.DeepEqual(plain[i].Mask, withBG[i].Mask) {
			t.Errorf("camera %d: the background changed the mask", i)
		}
		if !reflect.DeepEqual(plain[i].Depth, withBG[i].Depth) {
			t.Errorf("camera %d: the background changed the depth", i)
		}
		diff := 0
		for p, m := range plain[i].Mask {
			if m == 0 && plain[i].Color[3*p] != withBG[i].Color[3*p] {
				diff++
			}
		}
		if diff < len(plain[i].Mask)/4 {
			t.Errorf("camera %d: only %d background pixels changed colour", i, diff)
		}
	}
}

func TestRealism(t *testing.T) {
	t.Parallel()
	b, _ := smallBooth(t, Standing)
	clean := NewTargets(b.Rig)
	if _, err := b.Render(0.5, clean); err != nil {
		t.Fatal(err)
	}
	nb := &Booth{Rig: b.Rig, Subject: b.Subject, Realism: Realism{Noise: 4, Exposure: 0.1, Jitter: 0.004}, Seed: 3}
	noisy := NewTargets(b.Rig)
	truth, err := nb.Render(0.5, noisy)
	if err != nil {
		t.Fatal(err)
	}
	for i := range clean {
		if g := truth.Gains[i]; g < 0.9 || g > 1.1 {
			t.Errorf("camera %d gain %g", i, g)
		}
		if o := truth.Offsets[i]; math.Abs(o) > 0.004 || o == 0 {
			t.Errorf("camera %d offset %g", i, o)
		}
		// Residual after removing the gain: the noise, sigma about 4,
		// measured on the plain backdrop, away from the person.
		var sum, sum2, n float64
		for p, m := range clean[i].Mask {
			if m != 0 || p%7 != 0 {
				continue
			}
			r := float64(noisy[i].Color[3*p]) - float64(clean[i].Color[3*p])*truth.Gains[i]
			sum += r
			sum2 += r * r
			n++
		}
		sd := math.Sqrt(sum2/n - (sum/n)*(sum/n))
		if sd < 3 || sd > 5 {
			t.Errorf("camera %d noise sd %g, want about 4", i, sd)
		}
	}
	again := NewTargets(b.Rig)
	nb2 := &Booth{Rig: b.Rig, Subject: b.Subject, Realism: nb.Realism, Seed: 3}
	if _, err := nb2.Render(0.5, again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again[0].Color, noisy[0].Color) {
		t.Error("realism is not deterministic for the seed")
	}
}

func TestBoothErrors(t *testing.T) {
	t.Parallel()
	b, _ := smallBooth(t, Standing)
	views := NewTargets(b.Rig)
	for name, tc := range map[string]struct {
		b     *Booth
		views []*raster.Target
		t     float64
	}{
		"too few views": {b, views[:2], 0},
		"nan time":      {b, views, math.NaN()},
		"bad realism":   {&Booth{Rig: b.Rig, Subject: b.Subject, Realism: Realism{Noise: -1}}, views, 0},
		"no subject":    {&Booth{Rig: b.Rig}, views, 0},
	} {
		if _, err := tc.b.Render(tc.t, tc.views); !errors.Is(err, ErrParams) {
			t.Errorf("%s: got %v, want ErrParams", name, err)
		}
	}
	wrong := NewTargets(b.Rig)
	wrong[1] = raster.NewTarget(10, 10)
	if _, err := b.Render(0, wrong); !errors.Is(err, ErrRender) {
		t.Errorf("wrong view size: got %v, want ErrRender", err)
	}
}

// sameViews fails unless a and b hold bit-identical planes.
func sameViews(t *testing.T, what string, a, b []*raster.Target) {
	t.Helper()
	for i := range a {
		if !reflect.DeepEqual(a[i].Color, b[i].Color) || !reflect.DeepEqual(a[i].Mask, b[i].Mask) {
			t.Fatalf("%s: camera %d colour or mask differs", what, i)
		}
		for p := range a[i].Depth {
			if math.Float32bits(a[i].Depth[p]) != math.Float32bits(b[i].Depth[p]) {
				t.Fatalf("%s: camera %d depth %d differs", what, i, p)
			}
		}
	}
}

// TestViewsReused checks that booths with any number of workers give the
// images of one worker into fresh views, frame after frame into the same
// views (which clear only what they drew), with realism marking its writes.
func TestViewsReused(t *testing.T) {
	t.Parallel()
	ref, p := smallBooth(t, Waving)
	for _, real := range []Realism{{}, {Noise: 3, Exposure: 0.1, Jitter: 0.003}} {
		one := &Booth{Rig: ref.Rig, Subject: p, Realism: real, Seed: 5, Workers: 1}
		var many []*Booth
		for _, w := range []int{2, 3, 8} {
			many = append(many, &Booth{Rig: ref.Rig, Subject: p, Realism: real, Seed: 5, Workers: w})
		}
		reused := make([][]*raster.Target, len(many))
		for i := range reused {
			reused[i] = NewTargets(ref.Rig)
		}
		for _, tm := range []float64{0.3, 1.1, 2.4} {
			want := NewTargets(ref.Rig)
			if _, err := one.Render(tm, want); err != nil {
				t.Fatal(err)
			}
			for i, b := range many {
				if _, err := b.Render(tm, reused[i]); err != nil {
					t.Fatal(err)
				}
				sameViews(t, fmt.Sprintf("realism %+v, workers %d, t %g", real, b.Workers, tm), reused[i], want)
			}
		}
	}
}
