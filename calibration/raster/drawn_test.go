package raster

import (
	"bytes"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
)

// sameTarget fails unless a and b hold bit-identical planes.
func sameTarget(t *testing.T, step string, a, b *Target) {
	t.Helper()
	if !bytes.Equal(a.Color, b.Color) || !bytes.Equal(a.Mask, b.Mask) {
		t.Fatalf("%s: colour or mask differs", step)
	}
	for i := range a.Depth {
		if math.Float32bits(a.Depth[i]) != math.Float32bits(b.Depth[i]) {
			t.Fatalf("%s: depth %d differs: %g, %g", step, i, a.Depth[i], b.Depth[i])
		}
	}
}

// TestClearDrawnMatchesFullClear renders a sequence of frames (a small
// sphere moving across the image, renders without Background in between,
// a change of background colour, the caller's own writes) into one target
// with ClearDrawn and into another with a full clear every time: they must
// stay identical.
func TestClearDrawnMatchesFullClear(t *testing.T) {
	t.Parallel()
	cam := testCamera(t, 160, 120, 150, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{K1: -0.05})
	_, busy := scene(t)
	grey, red := [3]uint8{40, 40, 40}, [3]uint8{200, 0, 0}
	ball := func(x, y float64) []Surface {
		return []Surface{{Mesh: sphere([3]float64{x, y, 0}, 0.3, 12, 24)}}
	}
	type step struct {
		name      string
		surfaces  []Surface
		bg        *[3]uint8
		scribble  bool // the caller writes into the planes first
		markAfter bool // and says so
	}
	steps := []step{
		{name: "first", surfaces: ball(-0.6, 1), bg: &grey},
		{name: "moved", surfaces: ball(0.5, 1.3), bg: &grey},
		{name: "nothing drawn", surfaces: ball(0, -9), bg: &grey},
		{name: "again", surfaces: ball(0.2, 0.7), bg: &grey},
		{name: "over, no background", surfaces: ball(-0.8, 0.5)},
		{name: "after union", surfaces: ball(0.9, 1.4), bg: &grey},
		{name: "other colour", surfaces: ball(0, 1), bg: &red},
		{name: "busy", surfaces: busy, bg: &red},
		{name: "after busy", surfaces: ball(0.3, 1.1), bg: &red},
		{name: "scribbled", surfaces: ball(-0.3, 1), bg: &red, scribble: true, markAfter: true},
	}
	for _, workers := range []int{1, 3} {
		r := NewRenderer(workers)
		fast, full := NewTarget(cam.Width, cam.Height), NewTarget(cam.Width, cam.Height)
		for _, s := range steps {
			if s.scribble {
				for _, tg := range []*Target{fast, full} {
					for i := range tg.Mask {
						tg.Color[3*i], tg.Depth[i], tg.Mask[i] = uint8(i), float32(i), 7
					}
					if s.markAfter {
						tg.MarkWritten()
					}
				}
			}
			if err := r.Render(fast, cam, s.surfaces, Options{CullBack: true, Background: s.bg, ClearDrawn: true}); err != nil {
				t.Fatal(err)
			}
			if err := r.Render(full, cam, s.surfaces, Options{CullBack: true, Background: s.bg}); err != nil {
				t.Fatal(err)
			}
			sameTarget(t, s.name, fast, full)
		}
	}
}

// TestClearDrawnNeedsKnownTarget checks that a target made without
// NewTarget, or marked as written, is wholly cleared.
func TestClearDrawnNeedsKnownTarget(t *testing.T) {
	t.Parallel()
	cam := testCamera(t, 64, 48, 60, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
	bg := [3]uint8{1, 2, 3}
	opt := Options{Background: &bg, ClearDrawn: true}
	s := []Surface{{Mesh: sphere([3]float64{0, 1, 0}, 0.2, 8, 16)}}
	n := 64 * 48
	lit := &Target{Width: 64, Height: 48, Color: make([]uint8, 3*n), Depth: make([]float32, n), Mask: make([]uint8, n)}
	marked := NewTarget(64, 48)
	marked.Clear(bg)
	for i := range marked.Mask {
		marked.Mask[i] = 9
	}
	marked.MarkWritten()
	want := NewTarget(64, 48)
	r := NewRenderer(1)
	for _, tg := range []*Target{lit, marked, want} {
		if err := r.Render(tg, cam, s, opt); err != nil {
			t.Fatal(err)
		}
	}
	sameTarget(t, "literal target", lit, want)
	sameTarget(t, "marked target", marked, want)
}
