package raster

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/mesh"
)

// facingQuad returns a 1 m quad at z = 0 centred on (cx, 1), facing +z
// (towards a camera on the +z axis) or -z.
func facingQuad(cx float64, front bool) *mesh.Mesh {
	o, u, v := [3]float64{cx - 0.5, 0.5, 0}, [3]float64{1, 0, 0}, [3]float64{0, 1, 0}
	if !front {
		o, u, v = [3]float64{cx - 0.5, 0.5, 0}, [3]float64{0, 1, 0}, [3]float64{1, 0, 0}
	}
	m, _ := gridQuad(o, u, v, 1)
	return m
}

func count(p []uint8) int {
	n := 0
	for _, v := range p {
		if v != 0 {
			n++
		}
	}
	return n
}

func TestCulling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		front, cull bool
		drawn       bool
	}{
		{"front kept", true, true, true},
		{"back culled", false, true, false},
		{"back drawn without culling", false, false, true},
		{"front drawn without culling", true, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cam := testCamera(t, 100, 80, 90, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
			dst := NewTarget(100, 80)
			s := []Surface{{Mesh: facingQuad(0, tc.front)}}
			if err := NewRenderer(1).Render(dst, cam, s, Options{CullBack: tc.cull}); err != nil {
				t.Fatal(err)
			}
			// The quad spans 1 m at 3 m: about 30 x 30 pixels.
			n := count(dst.Mask)
			if tc.drawn && (n < 800 || n > 1000) || !tc.drawn && n != 0 {
				t.Fatalf("%d pixels drawn, want drawn=%v", n, tc.drawn)
			}
		})
	}
}

func TestNoMask(t *testing.T) {
	t.Parallel()
	cam := testCamera(t, 100, 80, 90, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
	dst := NewTarget(100, 80)
	s := []Surface{{Mesh: facingQuad(-0.6, true), NoMask: true}, {Mesh: facingQuad(0.6, true)}}
	if err := NewRenderer(2).Render(dst, cam, s, Options{}); err != nil {
		t.Fatal(err)
	}
	inMask, finite := 0, 0
	for i, d := range dst.Depth {
		if math.IsInf(float64(d), 1) {
			continue
		}
		finite++
		x := i % 100
		if dst.Mask[i] != 0 {
			inMask++
			if x < 50 {
				t.Fatalf("pixel %d of the NoMask quad is in the mask", i)
			}
		}
		if dst.Color[3*i] != 255 {
			t.Fatalf("pixel %d: colour %d, want white", i, dst.Color[3*i])
		}
	}
	if inMask < 800 || finite < 2*800 {
		t.Fatalf("%d pixels drawn, %d in the mask", finite, inMask)
	}
}

func TestLight(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		light *Light
		want  uint8
	}{
		{"unlit", nil, 200},
		{"facing the light", &Light{Dir: [3]float64{0, 0, 5}, Ambient: 0.2}, 200},
		{"grazing", &Light{Dir: [3]float64{1, 0, 0}, Ambient: 0.25}, 50},
		{"from behind", &Light{Dir: [3]float64{0, 0, -1}, Ambient: 0.5}, 100},
		{"60 degrees", &Light{Dir: [3]float64{math.Sqrt(3), 0, 1}, Ambient: 0}, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cam := testCamera(t, 60, 40, 50, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
			m := facingQuad(0, true)
			m.Colors = bytes.Repeat([]uint8{200, 200, 200}, m.VertexCount())
			dst := NewTarget(60, 40)
			if err := NewRenderer(1).Render(dst, cam, []Surface{{Mesh: m}}, Options{Light: tc.light}); err != nil {
				t.Fatal(err)
			}
			c := dst.Color[3*(20*60+30):]
			if c[0] != tc.want || c[1] != tc.want || c[2] != tc.want {
				t.Fatalf("centre colour %v, want %d", c[:3], tc.want)
			}
		})
	}
}

// scene is a busy test scene: a lit sphere, a textured quad and a floor
// reaching behind the camera, seen through a distorted lens.
func scene(t testing.TB) (*rig.Camera, []Surface) {
	cam := testCamera(t, 173, 131, 120, [3]float64{0.4, 1.3, 1.6}, [3]float64{0, 0.9, 0}, rig.Distortion{K1: -0.1, P1: 0.001})
	floor, _ := gridQuad([3]float64{-5, 0, -5}, [3]float64{0, 0, 10}, [3]float64{10, 0, 0}, 3)
	quad, uv := gridQuad([3]float64{-0.9, 0.2, -0.5}, [3]float64{0.7, 0, 0.3}, [3]float64{0, 1.2, 0}, 2)
	return cam, []Surface{
		{Mesh: sphere([3]float64{0, 0.9, 0}, 0.4, 24, 48)},
		{Mesh: quad, UV: uv, Texture: randomTexture(8, 8, 2)},
		{Mesh: floor, NoMask: true},
	}
}

func TestWorkersIdentical(t *testing.T) {
	t.Parallel()
	cam, s := scene(t)
	bg := [3]uint8{10, 20, 30}
	opt := Options{CullBack: true, Light: &Light{Dir: [3]float64{1, 2, 1}, Ambient: 0.3}, Background: &bg}
	ref := NewTarget(cam.Width, cam.Height)
	if err := NewRenderer(1).Render(ref, cam, s, opt); err != nil {
		t.Fatal(err)
	}
	if n := count(ref.Mask); n < 2000 {
		t.Fatalf("only %d masked pixels; the scene is wrong", n)
	}
	for _, workers := range []int{2, 3, 4, 7} {
		dst := NewTarget(cam.Width, cam.Height)
		dst.Clear([3]uint8{1, 2, 3}) // overwritten by the Background clear
		if err := NewRenderer(workers).Render(dst, cam, s, opt); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(dst.Color, ref.Color) || !bytes.Equal(dst.Mask, ref.Mask) {
			t.Fatalf("workers=%d: colour or mask differs from workers=1", workers)
		}
		for i := range dst.Depth {
			if math.Float32bits(dst.Depth[i]) != math.Float32bits(ref.Depth[i]) {
				t.Fatalf("workers=%d: depth %d differs", workers, i)
			}
		}
	}
}

func TestBackgroundMatchesClear(t *testing.T) {
	t.Parallel()
	cam, s := scene(t)
	bg := [3]uint8{90, 0, 200}
	a := NewTarget(cam.Width, cam.Height)
	a.Clear(bg)
	r := NewRenderer(2)
	if err := r.Render(a, cam, s, Options{}); err != nil {
		t.Fatal(err)
	}
	b := NewTarget(cam.Width, cam.Height)
	if err := r.Render(b, cam, s, Options{Background: &bg}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Color, b.Color) || !bytes.Equal(a.Mask, b.Mask) {
		t.Fatal("Background option differs from Clear then Render")
	}
}

// TestFillRule draws the triangles of a grid one by one, with vertices on
// pixel centres (the worst case for ties), and checks that every pixel
// inside the grid is drawn by exactly one triangle.
func TestFillRule(t *testing.T) {
	t.Parallel()
	const w, h = 40, 30
	// A camera looking down -z from z = 1 with f = 10 maps world (x, y) on
	// the plane z = 0 to pixel (10 x + cx, -10 y + cy) (image y down).
	cam := testCamera(t, w, h, 10, [3]float64{0, 0, 1}, [3]float64{0, 0, 0}, rig.Distortion{})
	cam.K.Cx, cam.K.Cy = 5, 5
	// Grid vertices on pixel centres (5+2i+j%2, 5+3j), irregular enough to
	// give edges of every direction.
	const n = 8
	var pos []float32
	for j := 0; j <= n; j++ {
		for i := 0; i <= n; i++ {
			px, py := float64(3*i+j%2), float64(3*j)
			pos = append(pos, float32(px/10), float32(-py/10), 0)
		}
	}
	counts := make([]int, w*h)
	r := NewRenderer(1)
	dst := NewTarget(w, h)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			a := uint32(j*(n+1) + i)
			for _, tri := range [][3]uint32{{a, a + 1, a + n + 2}, {a, a + n + 2, a + n + 1}} {
				dst.Clear([3]uint8{})
				m := &mesh.Mesh{Positions: pos, Indices: tri[:]}
				if err := r.Render(dst, cam, []Surface{{Mesh: m}}, Options{}); err != nil {
					t.Fatal(err)
				}
				for k, v := range dst.Mask {
					if v != 0 {
						counts[k]++
					}
				}
			}
		}
	}
	// Rows 5 .. 5+3n; the left and right edges zigzag between columns 5
	// and 6, and 29 and 30: check the columns surely inside.
	for y := 5; y <= 5+3*n; y++ {
		for x := 5 + 1; x < 5+3*n; x++ {
			k := y*w + x
			if y == 5+3*n { // bottom edge: a bottom edge, not drawn
				if counts[k] != 0 {
					t.Fatalf("pixel (%d,%d) on the bottom edge drawn %d times", x, y, counts[k])
				}
				continue
			}
			if counts[k] != 1 {
				t.Fatalf("pixel (%d,%d) drawn %d times, want 1", x, y, counts[k])
			}
		}
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	good := func() (*Target, *rig.Camera, []Surface, Options) {
		cam := testCamera(t, 40, 30, 30, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
		m, uv := gridQuad([3]float64{-0.5, 0.5, 0}, [3]float64{1, 0, 0}, [3]float64{0, 1, 0}, 1)
		return NewTarget(40, 30), cam, []Surface{{Mesh: m, UV: uv, Texture: randomTexture(2, 2, 1)}}, Options{}
	}
	tests := []struct {
		name   string
		modify func(*Target, *rig.Camera, []Surface, *Options) (*Target, *rig.Camera)
		want   error
	}{
		{"nil camera", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) { return d, nil }, ErrNilCamera},
		{"zero focal length", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			c.K.Fx = 0
			return d, c
		}, ErrCamera},
		{"nil target", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) { return nil, c }, ErrTarget},
		{"target size", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			return NewTarget(41, 30), c
		}, ErrTarget},
		{"short depth plane", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			d.Depth = d.Depth[:10]
			return d, c
		}, ErrTarget},
		{"nil mesh", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Mesh = nil
			return d, c
		}, ErrSurface},
		{"empty mesh", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Mesh = &mesh.Mesh{}
			s[0].UV, s[0].Texture = nil, nil
			return d, c
		}, ErrSurface},
		{"index out of range", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Mesh.Indices[4] = 99
			return d, c
		}, ErrSurface},
		{"partial triangle", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Mesh.Indices = s[0].Mesh.Indices[:4]
			return d, c
		}, ErrSurface},
		{"colour count", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Mesh.Colors = []uint8{1, 2, 3}
			return d, c
		}, ErrSurface},
		{"UV count", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].UV = s[0].UV[:3]
			return d, c
		}, ErrSurface},
		{"texture without UV", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].UV = nil
			return d, c
		}, ErrSurface},
		{"bad texture", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Texture = &Texture{Width: 3, Height: 3}
			return d, c
		}, ErrSurface},
		{"normal count", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			s[0].Normals = []float32{0, 0, 1}
			return d, c
		}, ErrSurface},
		{"zero light", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			o.Light = &Light{}
			return d, c
		}, ErrOptions},
		{"ambient above 1", func(d *Target, c *rig.Camera, s []Surface, o *Options) (*Target, *rig.Camera) {
			o.Light = &Light{Dir: [3]float64{0, 1, 0}, Ambient: 1.5}
			return d, c
		}, ErrOptions},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dst, cam, s, opt := good()
			if err := NewRenderer(2).Render(dst, cam, s, opt); err != nil {
				t.Fatalf("unmodified scene: %v", err)
			}
			dst, cam, s, opt = good()
			dst, cam = tc.modify(dst, cam, s, &opt)
			err := NewRenderer(2).Render(dst, cam, s, opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Render() = %v, want %v", err, tc.want)
			}
			if dst != nil && count(dst.Mask) != 0 {
				t.Fatal("a failed render drew into the target")
			}
		})
	}
}

func TestNoSurfaces(t *testing.T) {
	t.Parallel()
	cam := testCamera(t, 20, 10, 30, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
	dst := NewTarget(20, 10)
	bg := [3]uint8{7, 8, 9}
	if err := NewRenderer(2).Render(dst, cam, nil, Options{Background: &bg}); err != nil {
		t.Fatal(err)
	}
	if dst.Color[3*199+2] != 9 {
		t.Fatal("background not cleared")
	}
}

func TestNonFiniteVertices(t *testing.T) {
	t.Parallel()
	cam := testCamera(t, 40, 30, 30, [3]float64{0, 1, 3}, [3]float64{0, 1, 0}, rig.Distortion{})
	m := facingQuad(0, true)
	m.Positions[0] = float32(math.NaN())
	m.Positions[4] = float32(math.Inf(1))
	dst := NewTarget(40, 30)
	if err := NewRenderer(2).Render(dst, cam, []Surface{{Mesh: m}}, Options{}); err != nil {
		t.Fatal(err)
	}
	for i, d := range dst.Depth {
		if math.IsNaN(float64(d)) || d <= 0 {
			t.Fatalf("depth %d is %g", i, d)
		}
	}
}

func TestSteadyStateAllocations(t *testing.T) {
	cam, s := scene(t)
	dst := NewTarget(cam.Width, cam.Height)
	r := NewRenderer(1)
	bg := [3]uint8{}
	opt := Options{CullBack: true, Light: &Light{Dir: [3]float64{0, 1, 0}, Ambient: 0.2}, Background: &bg}
	if err := r.Render(dst, cam, s, opt); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(5, func() {
		if err := r.Render(dst, cam, s, opt); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("%.0f allocations per render with one worker, want 0", allocs)
	}
}
