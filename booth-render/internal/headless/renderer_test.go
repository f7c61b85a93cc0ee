package headless

import (
	"context"
	"image"
	"image/png"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/proto/mesh"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// slab is a thin upright rectangle facing +Z: 0.4 m wide, 1.8 m tall,
// standing on the floor at z = 0, red.
func slab(t *testing.T) *model.Model {
	t.Helper()
	m := &mesh.Mesh{
		Positions: []float32{-0.2, 0, 0, 0.2, 0, 0, 0.2, 1.8, 0, -0.2, 1.8, 0},
		Colors:    []uint8{220, 30, 30, 220, 30, 30, 220, 30, 30, 220, 30, 30},
		Indices:   []uint32{0, 1, 2, 0, 2, 3},
	}
	md, err := model.FromMesh(m, "booth-a", 1)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

func geometry(t *testing.T) *display.Geometry {
	t.Helper()
	g, err := display.NewGeometry(display.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// The software render of a 1.80 m slab on the screen plane covers the
// rows that 1.80 m of screen covers, at a reduced output size too.
func TestRenderIsTrueScale(t *testing.T) {
	t.Parallel()
	g := geometry(t)
	for _, size := range [][2]int{{960, 540}, {480, 270}} {
		r, err := NewRenderer(g, size[0], size[1], 2)
		if err != nil {
			t.Fatal(err)
		}
		tg, err := r.Render(slab(t))
		if err != nil {
			t.Fatal(err)
		}
		top, bottom := tg.Height, -1
		for y := 0; y < tg.Height; y++ {
			for x := 0; x < tg.Width; x++ {
				if tg.Color[3*(y*tg.Width+x)] > 100 {
					top, bottom = min(top, y), max(bottom, y)
				}
			}
		}
		// 1.80 of the screen's 2.16 m height; the floor is the bottom edge.
		want := 1.8 / 2.16 * float64(size[1])
		if math.Abs(float64(bottom-top+1)-want) > 1.01 || bottom != size[1]-1 {
			t.Fatalf("%v: slab rows %d..%d (%d), want %.1f rows ending at the bottom", size, top, bottom, bottom-top+1, want)
		}
	}
}

// A renderer that draws model after model (clearing only what the last
// ones drew) shows exactly what a fresh renderer shows for the last one.
func TestRenderSequenceSameAsFresh(t *testing.T) {
	t.Parallel()
	g := geometry(t)
	wide, narrow := slab(t), slab(t)
	for i := range narrow.Mesh.Positions {
		if i%3 == 0 {
			narrow.Mesh.Positions[i] = 0.1*narrow.Mesh.Positions[i] + 0.3 // 4 cm wide, off centre
		}
	}
	r, err := NewRenderer(g, 480, 270, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []*model.Model{wide, narrow, nil, narrow, wide, narrow} {
		if _, err := r.Render(m); err != nil {
			t.Fatal(err)
		}
		fresh, err := NewRenderer(g, 480, 270, 2)
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.Render(m)
		if err != nil {
			t.Fatal(err)
		}
		got := r.target
		if !slices.Equal(got.Color, want.Color) || !slices.Equal(got.Depth, want.Depth) || !slices.Equal(got.Mask, want.Mask) {
			t.Fatalf("after a sequence of renders the target differs from a fresh render (model %v)", m != nil)
		}
	}
}

func TestWorkerSnapshotsAndStatus(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	g := geometry(t)
	r, err := NewRenderer(g, 320, 180, 2)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := NewWorker(ctx, WorkerParams{Renderer: r, Dir: dir, RenderEach: true, Logger: zaptest.NewLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Show(slab(t))
	select {
	case s := <-w.Shown():
		if s.Seq != 1 || s.Source != "booth-a" || s.LocalNs <= 0 {
			t.Fatalf("shown %+v", s)
		}
	case <-ctx.Done():
		t.Fatal("model never shown")
	}
	w.Snapshot()
	waitFiles(t, ctx, w, 1)
	w.Clear("Stream stopped 3 s ago")
	w.Snapshot()
	files := waitFiles(t, ctx, w, 2)

	live, stopped := readPNG(t, files[0]), readPNG(t, files[1])
	// The live snapshot has the red person in the middle; the stopped one
	// has none there, and has the status band where the live one has not.
	cr, _, _, _ := live.At(160, 120).RGBA()
	sr, _, _, _ := stopped.At(160, 120).RGBA()
	if cr>>8 < 100 || sr>>8 > 60 {
		t.Fatalf("centre red: live %d, stopped %d", cr>>8, sr>>8)
	}
	text := 0
	for x := 0; x < 320; x++ {
		for y := 140; y < 170; y++ {
			r1, _, _, _ := stopped.At(x, y).RGBA()
			if r1>>8 > 200 {
				text++
			}
		}
	}
	if text < 20 {
		t.Fatalf("no status text drawn (%d bright pixels)", text)
	}
	if _, err := os.Stat(dir + "/latest.png"); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	_ = w.Close()
}

func waitFiles(t *testing.T, ctx context.Context, w *Worker, n int) []string {
	t.Helper()
	for {
		if f := w.Written(); len(f) >= n {
			return f
		}
		select {
		case <-time.After(5 * time.Millisecond):
		case <-ctx.Done():
			t.Fatalf("fewer than %d snapshots", n)
		}
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
