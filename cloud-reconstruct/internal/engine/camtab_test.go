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
	r, sc, c := distortedTwoSpheres(t)
	rng := rand.New(rand.NewPCG(3, 4))
	counts := map[int]int{}
	for trial := 0; trial < 3000; trial++ {
		ci := rng.IntN(len(r.Cameras))
		cam := &r.Cameras[ci]
		size := []float64{0.005, 0.02, 0.08}[rng.IntN(3)]
		p0 := [3]float64{rng.Float64()*0.8 - 0.4, 0.5 + rng.Float64()*1.0, rng.Float64()*0.8 - 0.4}
		cls := c.cams[ci].classify(p0[0], p0[1], p0[2], size, c.g.R, true)
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
			if f := c.cams[ci].field(p[0], p[1], p[2], c.g.R, true); cls == clsEmpty && f != -c.g.R || cls == clsFull && f < c.g.R*(1-1e-9) {
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

// TestProj32MatchesProject checks the colour stage's float32 projection
// against the float64 one: the same points are refused and the pixels
// agree far below a z-buffer pixel.
func TestProj32MatchesProject(t *testing.T) {
	t.Parallel()
	d := rig.Distortion{K1: -0.27, K2: 0.09, P1: 0.0013, P2: -0.0021, K3: -0.01}
	for _, dist := range []rig.Distortion{{}, d} {
		r := testRing(t, dist)
		rng := rand.New(rand.NewPCG(7, 8))
		for i := range r.Cameras {
			c := newCamTab(&r.Cameras[i])
			pr := c.proj32()
			for n := 0; n < 2000; n++ {
				p := [3]float32{float32(rng.Float64()*3 - 1.5), float32(rng.Float64() * 2.4), float32(rng.Float64()*3 - 1.5)}
				u, w, z, ok := c.project([3]float64{float64(p[0]), float64(p[1]), float64(p[2])})
				u32, w32, z32, ok32 := pr.project(p[0], p[1], p[2])
				if math.Abs(z-float64(z32)) > 1e-5 {
					t.Fatalf("camera %d point %v: depth %g, float32 %g", i, p, z, z32)
				}
				if ok != ok32 {
					// Only right at the refusal limits may the two differ.
					if math.Abs(z-zNear) > 1e-5 {
						x, y := (c.r[0]*float64(p[0])+c.r[1]*float64(p[1])+c.r[2]*float64(p[2])+c.t[0])/z, (c.r[3]*float64(p[0])+c.r[4]*float64(p[1])+c.r[5]*float64(p[2])+c.t[1])/z
						if math.Abs(x*x+y*y-c.r2max) > 1e-4*c.r2max {
							t.Fatalf("camera %d point %v: accepted %v, float32 %v", i, p, ok, ok32)
						}
					}
					continue
				}
				// Within the image (with a margin), where the colour stage
				// uses the pixel, the two agree to a hundredth of a pixel.
				inView := u > -c.w && u < 2*c.w && w > -c.h && w < 2*c.h
				if ok && inView && (math.Abs(u-float64(u32)) > 0.01 || math.Abs(w-float64(w32)) > 0.01) {
					t.Fatalf("camera %d point %v: pixel (%g, %g), float32 (%g, %g)", i, p, u, w, u32, w32)
				}
			}
		}
	}
}

// TestClassifyCropFastPath checks classify's shortcut for footprints
// within the crop against its general code (the shortcut turned off):
// the same class for every cell, with and without padding.
func TestClassifyCropFastPath(t *testing.T) {
	t.Parallel()
	r, _, c := distortedTwoSpheres(t)
	rng := rand.New(rand.NewPCG(9, 10))
	fast := 0
	for trial := 0; trial < 20000; trial++ {
		ci := rng.IntN(len(r.Cameras))
		size := []float64{0.005, 0.01, 0.02, 0.08}[rng.IntN(4)]
		p0 := [3]float64{rng.Float64()*0.8 - 0.4, 0.5 + rng.Float64()*1.0, rng.Float64()*0.8 - 0.4}
		pad := rng.IntN(2) == 0
		cam := c.cams[ci]
		got := cam.classify(p0[0], p0[1], p0[2], size, c.g.R, pad)
		if cam.cropA1 > 0 {
			fast++
		}
		cam.cropA1, cam.cropB1 = -1, -1
		if want := cam.classify(p0[0], p0[1], p0[2], size, c.g.R, pad); got != want {
			t.Fatalf("camera %d cell %v size %g pad %v: class %d, general code %d", ci, p0, size, pad, got, want)
		}
	}
	if fast == 0 {
		t.Fatal("no camera's crop lies within its image: the shortcut was not exercised")
	}
}

// jacobianAt is the distortion's Jacobian at (x, y) by central differences:
// ∂xd/∂x, ∂xd/∂y, ∂yd/∂x, ∂yd/∂y.
func jacobianAt(d rig.Distortion, x, y float64) [4]float64 {
	const h = 1e-6
	xp, yp := d.Distort(x+h, y)
	xm, ym := d.Distort(x-h, y)
	xq, yq := d.Distort(x, y+h)
	xr, yr := d.Distort(x, y-h)
	return [4]float64{(xp - xm) / (2 * h), (xq - xr) / (2 * h), (yp - ym) / (2 * h), (yq - yr) / (2 * h)}
}

// TestJacobianBoundsHold checks the per-annulus Jacobian bounds against
// the Jacobian measured at random points: every point within reach of the
// queried centre is bounded, and each annulus' bound is close to the
// largest value seen in it (the bound is not vacuous).
func TestJacobianBoundsHold(t *testing.T) {
	t.Parallel()
	for _, d := range []rig.Distortion{
		{K1: -0.27, K2: 0.09, P1: 0.0013, P2: -0.0021, K3: -0.01},
		{K1: -0.08, K2: 0.004, P1: 1e-4, P2: -5e-5},
		{K1: 0.05, K2: -0.01, P1: -0.003, P2: 0.002, K3: 0.001},
	} {
		c := newCamTab(&rig.Camera{ID: 1, Width: 640, Height: 480, K: rig.Intrinsics{Fx: 400, Fy: 420, Cx: 320, Cy: 240}, D: d, Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}})
		if !(c.rmax > 0.5 && c.rmax < 10) {
			t.Fatalf("%+v: trusted radius %g", d, c.rmax)
		}
		rng := rand.New(rand.NewPCG(11, 12))
		var seen [jacBins][3]float64
		for n := 0; n < 40000; n++ {
			reach := c.rmax * []float64{0.002, 0.02, 0.2}[n%3] * rng.Float64()
			rho := rng.Float64() * (c.rmax - reach)
			th := rng.Float64() * 2 * math.Pi
			x, y := rho*math.Cos(th), rho*math.Sin(th)
			b := c.jacobianBound(rho, reach)
			// A point of the square of half-side reach/√2 (within the disc).
			s := reach / math.Sqrt2
			px, py := x+s*(2*rng.Float64()-1), y+s*(2*rng.Float64()-1)
			j := jacobianAt(d, px, py)
			const tol = 1e-6
			if math.Abs(j[0]) > b.xx+tol || math.Abs(j[1]) > b.xy+tol || math.Abs(j[2]) > b.xy+tol || math.Abs(j[3]) > b.yy+tol {
				t.Fatalf("%+v: Jacobian %v at (%g, %g), within %g of radius %g, exceeds the bound %+v", d, j, px, py, reach, rho, b)
			}
			if k := int(math.Hypot(px, py) * c.jacInv); k < jacBins {
				seen[k] = [3]float64{max(seen[k][0], math.Abs(j[0])), max(seen[k][1], math.Abs(j[1]), math.Abs(j[2])), max(seen[k][2], math.Abs(j[3]))}
			}
		}
		for k := range seen {
			b := c.jac[k]
			if seen[k][0] == 0 {
				continue
			}
			if b.xx > 1.05*seen[k][0]+0.01 || b.xy > 1.5*seen[k][1]+0.01 || b.yy > 1.05*seen[k][2]+0.01 {
				t.Errorf("%+v: annulus %d bound %+v is loose: largest seen %v", d, k, b, seen[k])
			}
		}
	}
}

// TestJacobianBySquaredRadius checks the cell test's table of Jacobian
// bounds indexed by the squared radius: at every radius it bounds the
// annulus table's entry for that radius (jac3, which covers a disc of
// radius jacW around the point), and it is at most a few per cent looser.
func TestJacobianBySquaredRadius(t *testing.T) {
	t.Parallel()
	for _, d := range []rig.Distortion{
		{K1: -0.27, K2: 0.09, P1: 0.0013, P2: -0.0021, K3: -0.01},
		{K1: 0.05, K2: -0.01, P1: -0.003, P2: 0.002, K3: 0.001},
	} {
		c := newCamTab(&rig.Camera{ID: 1, Width: 640, Height: 480, K: rig.Intrinsics{Fx: 400, Fy: 420, Cx: 320, Cy: 240}, D: d, Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}})
		rng := rand.New(rand.NewPCG(13, 14))
		worst := 0.0
		for n := 0; n < 100000; n++ {
			rho := c.rmax * rng.Float64()
			if n < 64 {
				rho = float64(n) * c.jacW // the annuli's edges
			}
			r2 := rho * rho
			got := c.jacSq[min(int(r2*c.jacSqInv), jacSqBins-1)]
			want := c.jac3[min(int(rho*c.jacInv), jacBins-1)]
			if got.xx < want.xx || got.xy < want.xy || got.yy < want.yy {
				t.Fatalf("%+v: radius %g: squared-radius bound %+v below the annulus bound %+v", d, rho, got, want)
			}
			worst = max(worst, got.xx/want.xx, got.yy/want.yy)
		}
		if worst > 1.05 {
			t.Errorf("%+v: the squared-radius bound is up to %.3f times the annulus bound", d, worst)
		}
	}
}

// TestFieldBoxFastPath checks field's shortcut for a box strictly within
// a crop that lies in its image (boxCoverIn, no clamping, nothing unseen)
// against the general code: the same value, bit for bit.
func TestFieldBoxFastPath(t *testing.T) {
	t.Parallel()
	r, _, c := distortedTwoSpheres(t)
	rng := rand.New(rand.NewPCG(11, 12))
	fast, partial := 0, 0
	for trial := 0; trial < 20000; trial++ {
		ci := rng.IntN(len(r.Cameras))
		// Points near the spheres' surfaces, where the box straddles the
		// silhouette and the exact integral is taken.
		s := twoSpheres[rng.IntN(len(twoSpheres))]
		dir := [3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		n := math.Sqrt(dir[0]*dir[0] + dir[1]*dir[1] + dir[2]*dir[2])
		rad := s.R + (rng.Float64()-0.5)*0.02
		p := [3]float64{s.C[0] + rad*dir[0]/n, s.C[1] + rad*dir[1]/n, s.C[2] + rad*dir[2]/n}
		R := []float64{0.001, 0.0025, 0.005}[rng.IntN(3)]
		pad := rng.IntN(2) == 0
		cam := c.cams[ci]
		got := cam.field(p[0], p[1], p[2], R, pad)
		if cam.cropA1 > 0 {
			fast++
		}
		if got > -R && got < R {
			partial++
		}
		cam.cropA1, cam.cropB1 = -1, -1
		if want := cam.field(p[0], p[1], p[2], R, pad); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("camera %d point %v R %g pad %v: field %v, general code %v", ci, p, R, pad, got, want)
		}
	}
	if fast == 0 || partial < 1000 {
		t.Fatalf("shortcut exercised for %d trials, %d partial values: too few", fast, partial)
	}
}

// TestBoxCoverIn checks boxCoverIn against boxCover for boxes strictly
// within the mask, bit for bit.
func TestBoxCoverIn(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{})
	sc := newScene(t, r, twoSpheres)
	c := newCamTab(&r.Cameras[0])
	c.setView(&sc.fs.Views[0])
	rng := rand.New(rand.NewPCG(13, 14))
	mw, mh := float64(c.mw), float64(c.mh)
	for trial := 0; trial < 20000; trial++ {
		a0 := rng.Float64() * mw
		b0 := rng.Float64() * mh
		a1 := a0 + rng.Float64()*(mw-a0)
		b1 := b0 + rng.Float64()*(mh-b0)
		if trial%4 == 0 { // integral edges
			a0, b0 = math.Ceil(a0), math.Ceil(b0)
		}
		if !(a0 > 0 && b0 > 0 && a0 <= a1 && b0 <= b1 && a1 < mw && b1 < mh) {
			continue
		}
		got, want := c.boxCoverIn(a0, b0, a1, b1), c.boxCover(a0, b0, a1, b1)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("box [%g,%g]x[%g,%g]: boxCoverIn %v, boxCover %v", a0, a1, b0, b1, got, want)
		}
	}
}

// distortedTwoSpheres is an engine of 1 cm cells over a distorted ring
// whose views of two spheres are installed in its camera tables.
func distortedTwoSpheres(t *testing.T) (*rig.Rig, scene, *cpu) {
	t.Helper()
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
	return r, sc, c
}
