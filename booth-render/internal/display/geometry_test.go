package display

import (
	"math"
	"testing"
)

func mustGeometry(t *testing.T, c Config) *Geometry {
	t.Helper()
	g, err := NewGeometry(c)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func configs() map[string]Config {
	def := DefaultConfig()
	off := DefaultConfig()
	off.Eye = [3]float64{-0.7, 1.85, 1.3}
	off.Screen.BottomEdge = 0.1
	off.PersonDistance = 0.4
	portrait := DefaultConfig()
	portrait.Screen = Screen{Width: 1.2, Height: 2.1333, Resolution: [2]int{3840, 2160}, Orientation: Portrait, BottomEdge: 0.05}
	portrait.Eye = [3]float64{0.2, 1.5, 1.1}
	return map[string]Config{"default": def, "off-axis eye": off, "portrait": portrait}
}

// A 1.80 m upright segment standing on the screen plane spans exactly the
// pixels that 1.80 m spans on the physical screen, wherever the eye is.
func TestSegmentOnScreenPlaneIsTrueScale(t *testing.T) {
	t.Parallel()
	for name, c := range configs() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c.PersonDistance = 0 // the person's z = 0 is the screen plane
			g := mustGeometry(t, c)
			w, h := g.Pixels()
			cam, err := g.Camera(w, h)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range []float64{-0.3, 0, 0.25} {
				foot, d1 := cam.Project([3]float64{x, 0, 0})
				head, d2 := cam.Project([3]float64{x, 1.80, 0})
				if d1 <= 0 || d2 <= 0 {
					t.Fatal("segment not in front of the eye")
				}
				span := foot[1] - head[1]
				want := 1.80 * float64(h) / c.Screen.Height
				if math.Abs(span-want) > 1e-6 {
					t.Fatalf("x=%v: segment spans %.6f px, 1.80 m of screen is %.6f px", x, span, want)
				}
				// And it stands where the floor meets the glass.
				u, v := g.ScreenPixel(x, 0)
				if math.Abs(foot[0]-u) > 1e-6 || math.Abs(foot[1]-v) > 1e-6 {
					t.Fatalf("foot at %v, screen point at (%v, %v)", foot, u, v)
				}
				if math.Abs(head[0]-foot[0]) > 1e-9 {
					t.Fatalf("segment leans: %v %v", head, foot)
				}
			}
		})
	}
}

// Behind the glass a segment shrinks by the ratio of distances, as a
// window would show it.
func TestPersonBehindGlassShrinksByPerspective(t *testing.T) {
	t.Parallel()
	c := DefaultConfig()
	c.PersonDistance = 1.0
	g := mustGeometry(t, c)
	w, h := g.Pixels()
	cam, err := g.Camera(w, h)
	if err != nil {
		t.Fatal(err)
	}
	foot, _ := cam.Project([3]float64{0, 0, 0})
	head, _ := cam.Project([3]float64{0, 1.8, 0})
	want := 1.8 * 1000 * c.Eye[2] / (c.Eye[2] + 1.0)
	if math.Abs((foot[1]-head[1])-want) > 1e-6 {
		t.Fatalf("span %v, want %v", foot[1]-head[1], want)
	}
}

// The page's clip matrix and the rig camera agree on every point in front
// of the eye, at any canvas size; depth is ordered and inside the clip
// range.
func TestClipMatrixMatchesCamera(t *testing.T) {
	t.Parallel()
	pts := [][3]float64{{0, 0, 0}, {0, 1.8, 0}, {-0.4, 1.2, 0.3}, {0.5, 0.9, -0.3}, {1.2, 2.0, 0.1}, {-2, 0.1, -2}}
	sizes := [][2]int{{3840, 2160}, {480, 270}, {1000, 1000}, {2160, 3840}}
	for name, c := range configs() {
		g := mustGeometry(t, c)
		m := g.ClipMatrix()
		for _, sz := range sizes {
			cam, err := g.Camera(sz[0], sz[1])
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pts {
				want, depth := cam.Project(p)
				if depth <= 0 {
					t.Fatalf("%s: point %v behind the eye", name, p)
				}
				ndc, w := ApplyClip(m, p)
				u, v := NDCToPixel(ndc[0], ndc[1], sz[0], sz[1])
				if math.Abs(u-want[0]) > 1e-6*float64(sz[0]) || math.Abs(v-want[1]) > 1e-6*float64(sz[1]) {
					t.Fatalf("%s %v: point %v: matrix (%.4f, %.4f), camera (%.4f, %.4f)", name, sz, p, u, v, want[0], want[1])
				}
				if math.Abs(w-depth) > 1e-9 {
					t.Fatalf("%s: w %v, camera depth %v", name, w, depth)
				}
				if ndc[2] <= -1 || ndc[2] >= 1 {
					t.Fatalf("%s: NDC z %v outside the clip range", name, ndc[2])
				}
			}
			// Depth order: nearer points get smaller NDC z.
			a, _ := ApplyClip(m, [3]float64{0, 1, 0.5})
			b, _ := ApplyClip(m, [3]float64{0, 1, -0.5})
			if !(a[2] < b[2]) {
				t.Fatalf("%s: NDC z not increasing with distance: %v %v", name, a[2], b[2])
			}
		}
	}
}

// The screen's corners are the canvas corners for the clip matrix.
func TestClipMatrixCornersAreCanvasCorners(t *testing.T) {
	t.Parallel()
	for name, c := range configs() {
		c.PersonDistance = 0
		g := mustGeometry(t, c)
		m := g.ClipMatrix()
		s := c.Screen
		for _, k := range []struct{ x, y, nx, ny float64 }{
			{-s.Width / 2, s.BottomEdge, -1, -1},
			{s.Width / 2, s.BottomEdge, 1, -1},
			{-s.Width / 2, s.BottomEdge + s.Height, -1, 1},
			{s.Width / 2, s.BottomEdge + s.Height, 1, 1},
		} {
			ndc, _ := ApplyClip(m, [3]float64{k.x, k.y, 0})
			if math.Abs(ndc[0]-k.nx) > 1e-9 || math.Abs(ndc[1]-k.ny) > 1e-9 {
				t.Fatalf("%s: corner (%v, %v) at NDC %v", name, k.x, k.y, ndc)
			}
		}
	}
}

func TestCameraRejectsBadSize(t *testing.T) {
	t.Parallel()
	g := mustGeometry(t, DefaultConfig())
	for _, sz := range [][2]int{{0, 10}, {10, -1}, {40000, 10}} {
		if _, err := g.Camera(sz[0], sz[1]); err == nil {
			t.Fatalf("%v accepted", sz)
		}
	}
}
