package synth

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"cloudme.dev/calibration/rig"
)

func TestGenerateRigCoverage(t *testing.T) {
	t.Parallel()
	for _, p := range []RigParams{
		{},
		{Cameras: 16, Resolution: "720p"},
		{Cameras: 12, Resolution: "1080p", Portrait: true, Seed: 4},
		{Cameras: 32, Resolution: "4k", Seed: 9},
		{Cameras: 3, Resolution: "720p", DistortionK1: -0.2},
		{Cameras: 8, BoothWidth: 3.2, BoothHeight: 2.8},
	} {
		r, err := GenerateRig(p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		want := p.Cameras
		if want == 0 {
			want = DefaultCameras
		}
		if len(r.Cameras) != want {
			t.Fatalf("%+v: %d cameras", p, len(r.Cameras))
		}
		for i := range r.Cameras {
			c := &r.Cameras[i]
			if p.Portrait != (c.Height > c.Width) {
				t.Errorf("%+v camera %d: %dx%d", p, i, c.Width, c.Height)
			}
			if math.Abs(c.K.Cx-float64(c.Width-1)/2) > 3 || math.Abs(c.K.Cy-float64(c.Height-1)/2) > 3 {
				t.Errorf("camera %d principal point %g,%g far from the centre", i, c.K.Cx, c.K.Cy)
			}
			// Radial distortion at the image corner is mild barrel.
			rc2 := (float64(c.Width*c.Width) + float64(c.Height*c.Height)) / 4 / (c.K.Fx * c.K.Fx)
			if corner := c.D.K1 * rc2; p.DistortionK1 == 0 && (corner > -0.04 || corner < -0.13) {
				t.Errorf("camera %d: k1 at the corner %g outside [-0.12, -0.05]", i, corner)
			}
			// Monotonic out to well past the corner: no pixel folds over.
			for r := 0.0; r*r < 1.7*rc2; r += 0.01 {
				xa, _ := c.D.Distort(r, 0)
				xb, _ := c.D.Distort(r+0.01, 0)
				if xb <= xa {
					t.Fatalf("camera %d: distortion folds at radius %g", i, r)
				}
			}
			for _, corner := range personBoxCorners() {
				px, z := c.Project(corner)
				if z <= 0 || !c.InImage(px) {
					t.Errorf("%+v camera %d does not see person box corner %v (pixel %v, depth %g)", p, i, corner, px, z)
				}
			}
			if ctr := c.Center(); math.Hypot(ctr[0], ctr[2]) < 1.2 {
				t.Errorf("camera %d inside the booth at %v", i, ctr)
			}
		}
	}
}

func TestGenerateRigRings(t *testing.T) {
	t.Parallel()
	r, err := GenerateRig(RigParams{Cameras: 8})
	if err != nil {
		t.Fatal(err)
	}
	heights := map[float64]int{}
	for _, c := range r.Cameras {
		heights[math.Round(c.Center()[1]*100)/100]++
	}
	if len(heights) != 2 || heights[0.5] != 4 || heights[2.0] != 4 {
		t.Errorf("camera heights %v, want 4 at 0.5 m and 4 at 2.0 m", heights)
	}
}

func TestGenerateRigDeterministicAndRoundTrip(t *testing.T) {
	t.Parallel()
	a, _ := GenerateRig(RigParams{Seed: 5})
	b, _ := GenerateRig(RigParams{Seed: 5})
	c, _ := GenerateRig(RigParams{Seed: 6})
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed, different rigs")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds, same rig")
	}
	path := filepath.Join(t.TempDir(), "rig.yaml")
	if err := a.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := rig.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Cameras) != len(a.Cameras) || back.BoothID != a.BoothID {
		t.Fatalf("loaded rig differs: %d cameras, booth %q", len(back.Cameras), back.BoothID)
	}
	for i := range a.Cameras {
		p := [3]float64{0.1, 1.2, -0.2}
		x, _ := a.Cameras[i].Project(p)
		y, _ := back.Cameras[i].Project(p)
		if math.Hypot(x[0]-y[0], x[1]-y[1]) > 1e-6 || a.Cameras[i].Name != back.Cameras[i].Name {
			t.Errorf("camera %d projects %v before saving, %v after", i, x, y)
		}
	}
}

func TestGenerateRigErrors(t *testing.T) {
	t.Parallel()
	for _, p := range []RigParams{{Cameras: 33}, {Cameras: -1}, {Resolution: "8k"}, {BoothWidth: 0.5}, {BoothHeight: 2.0}, {Rings: 9}, {DistortionK1: math.NaN()}} {
		if _, err := GenerateRig(p); !errors.Is(err, ErrParams) {
			t.Errorf("%+v: got %v, want ErrParams", p, err)
		}
	}
}
