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
