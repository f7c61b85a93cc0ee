package engine

import (
	"bytes"
	"context"
	"image"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

func TestSampleColourIgnoresBackground(t *testing.T) {
	t.Parallel()
	// A 2x1 crop: left pixel inside and red, right pixel outside and blue.
	v := &frameset.View{Crop: image.Rect(10, 20, 12, 21), Scale: 1,
		Mask:  maskcodec.Mask{Width: 2, Height: 1, Pix: []uint8{255, 0}},
		Color: []uint8{200, 0, 0, 0, 0, 200}}
	c := &camTab{view: v, mw: 2, mh: 1}
	rgb, ok := c.sampleColour(v.MaskCoord(10.5, 20))
	if !ok || rgb[0] < 199 || rgb[2] > 1 {
		t.Fatalf("between the pixels: %v %v, want pure red", rgb, ok)
	}
	if _, ok := c.sampleColour(v.MaskCoord(12, 20)); ok {
		t.Fatal("a sample wholly over background was accepted")
	}
	for _, tc := range []struct {
		v    float64
		want uint8
	}{{-3, 0}, {0.4, 0}, {127.6, 128}, {300, 255}} {
		if got := toByte(tc.v); got != tc.want {
			t.Errorf("toByte(%g) = %d, want %d", tc.v, got, tc.want)
		}
	}
}

// TestSampleColourFastPath checks the all-inside shortcut against the
// general weighted sum it replaces.
func TestSampleColourFastPath(t *testing.T) {
	t.Parallel()
	// A 3x2 crop, all inside, with distinct colours.
	v := &frameset.View{Crop: image.Rect(10, 20, 13, 22), Scale: 1,
		Mask:  maskcodec.Mask{Width: 3, Height: 2, Pix: []uint8{255, 255, 255, 255, 255, 255}},
		Color: []uint8{10, 20, 30, 200, 100, 0, 50, 50, 50, 0, 0, 250, 90, 180, 20, 255, 255, 255}}
	c := &camTab{view: v, mw: 3, mh: 2}
	for _, uv := range [][2]float64{{10.25, 20.5}, {11, 20}, {11.9, 20.99}, {10, 20}} {
		got, ok := c.sampleColour(v.MaskCoord(uv[0], uv[1]))
		if !ok {
			t.Fatalf("%v: no sample", uv)
		}
		// The general sum, as over partly inside pixels.
		x, y := v.MaskCoord(uv[0], uv[1])
		i0, j0 := int(math.Floor(x)), int(math.Floor(y))
		fx, fy := x-float64(i0), y-float64(j0)
		var want [3]float64
		for dj := 0; dj < 2; dj++ {
			for di := 0; di < 2; di++ {
				w := (1 - fx) * (1 - fy)
				switch {
				case di == 1 && dj == 0:
					w = fx * (1 - fy)
				case di == 0 && dj == 1:
					w = (1 - fx) * fy
				case di == 1 && dj == 1:
					w = fx * fy
				}
				k := 3 * ((j0+dj)*3 + i0 + di)
				for ch := 0; ch < 3; ch++ {
					want[ch] += w * float64(v.Color[k+ch])
				}
			}
		}
		for ch := 0; ch < 3; ch++ {
			if math.Abs(float64(got[ch])-want[ch]) > 1e-3 {
				t.Fatalf("%v channel %d: %g, want %g", uv, ch, got[ch], want[ch])
			}
		}
	}
}

// TestColourSameForAnyWorkers checks the colour stage's split of the
// vertices among the workers (each sums its own range's samples, found by
// binary search in each camera's vertex-ordered list): the colours must
// not depend on the number of workers, and match a plain serial sum.
func TestColourSameForAnyWorkers(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{}), twoSpheres)
	var ref []uint8
	for _, w := range []int{1, 2, 3, 7} {
		cfg := Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: 0.008, Workers: w}
		e, err := NewCPU(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var m mesh.Mesh
		if _, err := e.Reconstruct(context.Background(), sc.fs, &m); err != nil {
			t.Fatal(err)
		}
		if w == 1 {
			// The serial sum over each camera's samples, camera by camera.
			c := e.(*cpu)
			acc := make([]float32, 4*m.VertexCount())
			for i := range c.cams {
				if !c.cams[i].present {
					continue
				}
				for _, s := range c.ccol[i].out {
					acc[4*s.v] += s.r
					acc[4*s.v+1] += s.g
					acc[4*s.v+2] += s.b
					acc[4*s.v+3] += s.w
				}
			}
			for v := 0; v < m.VertexCount(); v++ {
				want := [3]uint8{greyLevel, greyLevel, greyLevel}
				if a := acc[4*v : 4*v+4]; a[3] != 0 {
					want = [3]uint8{toByte(float64(a[0] / a[3])), toByte(float64(a[1] / a[3])), toByte(float64(a[2] / a[3]))}
				}
				if got := [3]uint8(m.Colors[3*v : 3*v+3]); got != want {
					t.Fatalf("vertex %d: colour %v, serial sum %v", v, got, want)
				}
			}
			ref = append([]uint8(nil), m.Colors...)
		} else if !bytes.Equal(m.Colors, ref) {
			t.Fatalf("workers %d: colours differ from one worker's", w)
		}
		e.Close()
	}
}

// TestColourCandidates checks the colour stage's inlined projection
// against proj32.project: each camera's candidates are exactly the
// vertices that face it and project into its z-buffer, with the depth and
// mask coordinates project gives.
func TestColourCandidates(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{K1: -0.25, K2: 0.08, P1: 0.001, P2: -0.002}), twoSpheres)
	e, err := NewCPU(Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: 0.008, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var m mesh.Mesh
	if _, err := e.Reconstruct(context.Background(), sc.fs, &m); err != nil {
		t.Fatal(err)
	}
	c := e.(*cpu)
	vs := c.cfg.VisibilityScale
	for i := range c.cams {
		cam := &c.cams[i]
		pr := cam.proj32()
		zw, zh := int(math.Ceil(cam.w*vs)), int(math.Ceil(cam.h*vs))
		ctr := [3]float32{float32(cam.center[0]), float32(cam.center[1]), float32(cam.center[2])}
		cand := c.ccol[i].cand
		n := 0
		for v, q := range c.vx {
			if q.n[0]*ctr[0]+q.n[1]*ctr[1]+q.n[2]*ctr[2] <= q.np {
				continue
			}
			u, w, z, ok := pr.project(q.p[0], q.p[1], q.p[2])
			if !ok || !(u >= -0.5 && w >= -0.5) || int((u+0.5)*float32(vs)) >= zw || int((w+0.5)*float32(vs)) >= zh {
				continue
			}
			if n >= len(cand) || cand[n].v != int32(v) {
				t.Fatalf("camera %d: vertex %d faces it and lands in its image but is not candidate %d", i, v, n)
			}
			cd := cand[n]
			mx, my := cam.view.MaskCoord(float64(u), float64(w))
			if math.Abs(float64(cd.depth-z)) > 1e-6 || math.Abs(float64(cd.mx)-mx) > 1e-3 || math.Abs(float64(cd.my)-my) > 1e-3 {
				t.Fatalf("camera %d vertex %d: candidate depth %g at (%g, %g), project gives %g at (%g, %g)", i, v, cd.depth, cd.mx, cd.my, z, mx, my)
			}
			n++
		}
		if n != len(cand) || n == 0 {
			t.Fatalf("camera %d: %d candidates, %d expected", i, len(cand), n)
		}
	}
}

func TestFillInf(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 3, 7, 64, 1000, 129601} {
		zb := make([]float32, n)
		for i := range zb {
			zb[i] = float32(i)
		}
		fillInf(zb)
		for i, v := range zb {
			if !math.IsInf(float64(v), 1) {
				t.Fatalf("len %d: element %d is %v", n, i, v)
			}
		}
	}
}
