package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/chrome"
	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/headless"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/booth-render/internal/page"
	"cloudme.dev/calibration/synth"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// browser finds Chromium, or skips (fails under CI=true) without it.
func browser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("real-browser test skipped under -short (it starts headless Chromium)")
	}
	bin, err := chrome.Find(os.Getenv("CHROMIUM"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and no browser: %v", err)
		}
		t.Skipf("skipping the real-browser test: %v", err)
	}
	return bin
}

// person is the synthetic person at a reduced triangle count.
func person(t *testing.T) *model.Model {
	t.Helper()
	p, err := synth.NewPerson(synth.PersonParams{Seed: 3, Height: 1.8, Detail: 20000})
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.FromMesh(p.Pose(0).Mesh(), "booth-a", 1)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mask marks the pixels that differ from the background.
func mask(img image.Image, bg [3]uint8) []bool {
	b := img.Bounds()
	out := make([]bool, b.Dx()*b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			d := absDiff(int(r>>8), int(bg[0])) + absDiff(int(g>>8), int(bg[1])) + absDiff(int(bl>>8), int(bg[2]))
			out[y*b.Dx()+x] = d > 24
		}
	}
	return out
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

func bbox(m []bool, w int) (x0, y0, x1, y1, n int) {
	x0, y0, x1, y1 = w, len(m)/w, -1, -1
	for i, v := range m {
		if v {
			x, y := i%w, i/w
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			n++
		}
	}
	return
}

func TestPageDrawsWhereTheSoftwareRendererDoes(t *testing.T) {
	bin := browser(t)
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	const w, h = 480, 270
	cfg := display.DefaultConfig()
	cfg.Eye = [3]float64{0.3, 1.55, 1.8} // off-centre: an asymmetric frustum
	cfg.PersonDistance = 0.3
	g, err := display.NewGeometry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := page.New(ctx, page.Params{Geometry: g, Light: display.Light(), StaleAfter: time.Second, Logger: zaptest.NewLogger(t).Named("page")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	m := person(t)
	srv.SetStatus("live", "")
	srv.Show(m)

	br, err := chrome.StartHeadless(ctx, chrome.HeadlessParams{Binary: bin, URL: srv.URL(), Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()

	// Wait until the page says it drew the model.
	select {
	case d := <-srv.Drawn():
		if d.Seq != 1 || d.Source != "booth-a" {
			t.Fatalf("drawn %+v", d)
		}
		if age := time.Since(time.Unix(0, d.LocalNs)); age < -time.Second || age > time.Minute {
			t.Fatalf("display time %v away from now", age)
		}
	case <-ctx.Done():
		t.Fatalf("the page never drew the model; browser said:\n%s", br.Logs())
	}
	info := srv.Info()
	if !info.WebGL2 || info.Renderer == "" {
		t.Fatalf("the page did not report WebGL2: %+v", info)
	}
	t.Logf("page renderer: %s", info.Renderer)

	shot, err := br.Screenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("screenshot is %v, want %dx%d", b, w, h)
	}
	sw, err := headless.NewRenderer(g, w, h, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sw.Render(m); err != nil {
		t.Fatal(err)
	}
	want := sw.Image("")
	dir := t.TempDir()
	if out := os.Getenv("BROWSERTEST_OUT"); out != "" {
		dir = out
	}
	_ = os.WriteFile(filepath.Join(dir, "browser.png"), shot, 0o644)
	_ = headless.WritePNG(filepath.Join(dir, "software.png"), want)

	bg := cfg.Background
	mg, mw := mask(got, [3]uint8{uint8(bg[0]), uint8(bg[1]), uint8(bg[2])}), mask(want, [3]uint8{uint8(bg[0]), uint8(bg[1]), uint8(bg[2])})
	gx0, gy0, gx1, gy1, gn := bbox(mg, w)
	wx0, wy0, wx1, wy1, wn := bbox(mw, w)
	t.Logf("browser bbox (%d,%d)-(%d,%d) %d px; software (%d,%d)-(%d,%d) %d px", gx0, gy0, gx1, gy1, gn, wx0, wy0, wx1, wy1, wn)
	if wn < 2000 {
		t.Fatalf("software image has only %d person pixels: the test scene is wrong", wn)
	}
	for i, d := range []int{gx0 - wx0, gy0 - wy0, gx1 - wx1, gy1 - wy1} {
		if absDiff(d, 0) > 2 {
			t.Fatalf("bounding boxes differ by %d px on side %d", d, i)
		}
	}
	inter, union := 0, 0
	var colourErr, colourN int
	for i := range mg {
		if mg[i] && mw[i] {
			inter++
			x, y := i%w, i/w
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			colourErr += absDiff(int(r1>>8), int(r2>>8)) + absDiff(int(g1>>8), int(g2>>8)) + absDiff(int(b1>>8), int(b2>>8))
			colourN += 3
		}
		if mg[i] || mw[i] {
			union++
		}
	}
	iou := float64(inter) / float64(union)
	meanErr := float64(colourErr) / float64(colourN)
	t.Logf("silhouette IoU %.4f, mean colour difference %.2f levels", iou, meanErr)
	if iou < 0.95 {
		t.Fatalf("silhouette IoU %.3f < 0.95", iou)
	}
	if meanErr > 12 {
		t.Fatalf("colours differ by %.1f levels on average", meanErr)
	}

	// The stream stops: within a few seconds the page clears the person
	// and says so.
	deadline := time.Now().Add(20 * time.Second)
	for {
		v, err := br.Eval(ctx, `document.getElementById("status").textContent`)
		if err != nil {
			t.Fatal(err)
		}
		var text string
		_ = json.Unmarshal(v, &text)
		if strings.HasPrefix(text, "Stream stopped") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status after the stream stopped: %q", text)
		}
		time.Sleep(100 * time.Millisecond)
	}
	shot, err = br.Screenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	ms := mask(stale, [3]uint8{uint8(bg[0]), uint8(bg[1]), uint8(bg[2])})
	// Above the status line (the bottom fifth) nothing may remain.
	if _, _, _, _, n := bbox(ms[:w*h*4/5], w); n != 0 {
		t.Fatalf("%d pixels of a stale person still on screen", n)
	}
	_ = os.WriteFile(filepath.Join(dir, "browser-stopped.png"), shot, 0o644)
}
