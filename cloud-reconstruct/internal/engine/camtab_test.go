package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"cloudme.dev/calibration/rig"
)

func TestFloorInt(t *testing.T) {
	t.Parallel()
	for _, x := range []float64{0, 0.5, -0.5, -1, -1.0000001, 3.999, -7.2, 1e9 + 0.5} {
		if got, want := floorInt(x), int(math.Floor(x)); got != want {
			t.Errorf("floorInt(%g) = %d, want %d", x, got, want)
		}
	}
}

func TestMonotonicRadius(t *testing.T) {
	t.Parallel()
	if r := monotonicRadius(rig.Distortion{}, 3); r != 3 {
		t.Errorf("no distortion: %g, want the limit 3", r)
	}
	// r + k1 r³ stops increasing where 1 + 3 k1 r² = 0.05.
	want := math.Sqrt(0.95 / 0.9)
	if r := monotonicRadius(rig.Distortion{K1: -0.3}, 3); math.Abs(r-want) > 3.0/4096 {
		t.Errorf("k1 -0.3: %g, want %g", r, want)
	}
}

// TestClassifyIsConservative checks the footprint test against the truth:
// a cell classed empty for a camera has no point projecting inside its
// mask, and a cell classed inside has no point projecting outside it.
func TestClassifyIsConservative(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{K1: -0.25, K2: 0.08, P1: 0.002, P2: -0.001})
	sc := newScene(t, r, twoSpheres)
	e, err := NewCPU(Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	c := e.(*cpu)
	for i := range sc.fs.Views {
		c.cams[sc.fs.Views[i].Index].setView(&sc.fs.Views[i])
	}
	rng := rand.New(rand.NewPCG(3, 4))
	counts := map[int]int{}
	for trial := 0; trial < 3000; trial++ {
		ci := rng.IntN(len(r.Cameras))
		cam := &r.Cameras[ci]
		size := []float64{0.005, 0.02, 0.08}[rng.IntN(3)]
		p0 := [3]float64{rng.Float64()*0.8 - 0.4, 0.5 + rng.Float64()*1.0, rng.Float64()*0.8 - 0.4}
		cls := c.cams[ci].classify(p0, size, c.g.R, true)
		counts[cls]++
		if cls == clsPartial {
			continue
		}
		for k := 0; k < 200; k++ {
			p := [3]float64{p0[0] + rng.Float64()*size, p0[1] + rng.Float64()*size, p0[2] + rng.Float64()*size}
			px, z := cam.Project(p)
			x, y := int(math.Floor(px[0]+0.5)), int(math.Floor(px[1]+0.5))
			if z <= 0 || x < 0 || y < 0 || x >= cam.Width || y >= cam.Height {
				continue
			}
			in := sc.masks[ci].Pix[y*cam.Width+x] != 0
			if cls == clsEmpty && in || cls == clsFull && !in {
				t.Fatalf("camera %d cell %v size %g classed %d, but %v projects to pixel (%d,%d) inside=%v", ci, p0, size, cls, p, x, y, in)
			}
			// The field agrees with the class: saturated with its sign.
			if f := c.cams[ci].field(p, c.g.R, true); cls == clsEmpty && f != -c.g.R || cls == clsFull && f < c.g.R*(1-1e-9) {
				t.Fatalf("camera %d: field %g at %v in a cell classed %d", ci, f, p, cls)
			}
		}
	}
	if counts[clsEmpty] == 0 || counts[clsFull] == 0 || counts[clsPartial] == 0 {
		t.Fatalf("classes seen %v: the test does not exercise all three", counts)
	}
}

// TestDistortMatchesRig checks the inlined distortion polynomial against
// the rig's.
func TestDistortMatchesRig(t *testing.T) {
	t.Parallel()
	d := rig.Distortion{K1: -0.27, K2: 0.09, P1: 0.0013, P2: -0.0021, K3: -0.01}
	c := newCamTab(&rig.Camera{ID: 1, Width: 640, Height: 480, K: rig.Intrinsics{Fx: 500, Fy: 500, Cx: 320, Cy: 240}, D: d, Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}})
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 1000; i++ {
		x, y := rng.Float64()*1.6-0.8, rng.Float64()*1.2-0.6
		gx, gy := c.distort(x, y, x*x+y*y)
		wx, wy := d.Distort(x, y)
		if math.Abs(gx-wx) > 1e-12 || math.Abs(gy-wy) > 1e-12 {
			t.Fatalf("distort(%g, %g) = (%g, %g), rig says (%g, %g)", x, y, gx, gy, wx, wy)
		}
	}
}
