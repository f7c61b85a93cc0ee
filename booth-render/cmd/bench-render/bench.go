package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"cloudme.dev/booth-render/internal/chrome"
	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/headless"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/booth-render/internal/page"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/proto/meshcodec"
	"cloudme.dev/proto/pb"
)

type config struct {
	Triangles, Runs       int
	Width, Height         int
	PageWidth, PageHeight int
	PageFor               time.Duration
	Chromium              string
}

func percentile(ms []float64, p float64) float64 {
	s := slices.Clone(ms)
	slices.Sort(s)
	i := int(p*float64(len(s)-1) + 0.5)
	return s[i]
}

func emit(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func runAll(c config, out, log io.Writer) error {
	if c.Runs < 1 {
		return fmt.Errorf("runs %d", c.Runs)
	}
	if c.PageFor <= 0 {
		c.PageFor = 5 * time.Second
	}
	p, err := synth.NewPerson(synth.PersonParams{Seed: 1, Height: 1.8, Detail: c.Triangles})
	if err != nil {
		return err
	}
	me := p.Pose(0).Mesh()
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		return err
	}
	data, err := enc.Encode(nil, me)
	if err != nil {
		return err
	}
	frame := &pb.ModelFrame{SourceBooth: "bench", Sequence: 1, Mesh: data, MeshCodec: pb.MeshCodec_MESH_CODEC_CMESH_V1}

	// Decode: mesh stream to a model (mesh plus vertex normals).
	dec := model.NewDecoder(meshcodec.Limits{})
	var ms []float64
	var m *model.Model
	for i := 0; i < c.Runs+2; i++ {
		t0 := time.Now()
		if m, err = dec.Decode(frame, 0); err != nil {
			return err
		}
		if i >= 2 {
			ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
		}
	}
	if err := emit(out, map[string]any{
		"bench": "decode", "triangles": m.Mesh.TriangleCount(), "vertices": m.Mesh.VertexCount(),
		"mesh_bytes": len(data), "runs": c.Runs,
		"p50_ms": percentile(ms, 0.5), "p99_ms": percentile(ms, 0.99),
	}); err != nil {
		return err
	}

	// Software render at the screen's resolution.
	cfg := display.DefaultConfig()
	g, err := display.NewGeometry(cfg)
	if err != nil {
		return err
	}
	r, err := headless.NewRenderer(g, c.Width, c.Height, 0)
	if err != nil {
		return err
	}
	ms = ms[:0]
	for i := 0; i < c.Runs+2; i++ {
		t0 := time.Now()
		if _, err := r.Render(m); err != nil {
			return err
		}
		if i >= 2 {
			ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
		}
	}
	t0 := time.Now()
	img := r.Image("")
	convert := time.Since(t0)
	if err := emit(out, map[string]any{
		"bench": "software_render", "width": c.Width, "height": c.Height, "triangles": m.Mesh.TriangleCount(),
		"workers": runtime.GOMAXPROCS(0), "runs": c.Runs,
		"p50_ms": percentile(ms, 0.5), "p99_ms": percentile(ms, 0.99),
		"to_image_ms": float64(convert.Microseconds()) / 1000, "pixels": img.Bounds().Dx() * img.Bounds().Dy(),
	}); err != nil {
		return err
	}
	return benchPage(c, g, m, out, log)
}

// benchPage measures the kiosk page's frame rate in headless Chromium
// (SwiftShader WebGL2, no GPU) drawing the model every frame.
func benchPage(c config, g *display.Geometry, m *model.Model, out, log io.Writer) error {
	bin, err := chrome.Find(c.Chromium)
	if err != nil {
		fmt.Fprintln(log, "bench-render: page case skipped:", err)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.PageFor+60*time.Second)
	defer cancel()
	srv, err := page.New(ctx, page.Params{Geometry: g, Light: display.Light()})
	if err != nil {
		return err
	}
	defer srv.Close()
	srv.SetStatus("live", "")
	br, err := chrome.StartHeadless(ctx, chrome.HeadlessParams{Binary: bin, URL: srv.URL(), Width: c.PageWidth, Height: c.PageHeight})
	if err != nil {
		return err
	}
	defer br.Close()
	// Keep the model fresh (a 30 fps stream) so the page keeps drawing the
	// person rather than the stopped status.
	tick := time.NewTicker(33 * time.Millisecond)
	defer tick.Stop()
	var fps []float64
	var drawn int
	seq := m.Seq
	start := time.Now()
	lastFPS := -1.0
	for time.Since(start) < c.PageFor+2*time.Second {
		select {
		case <-ctx.Done():
			return fmt.Errorf("page bench: %w; browser said:\n%s", ctx.Err(), br.Logs())
		case <-tick.C:
			seq++
			mm := *m
			mm.Seq = seq
			srv.Show(&mm)
		case <-srv.Drawn():
			drawn++
		}
		// The page reports its frame rate once a second; skip the first
		// two seconds (start-up, shader compile).
		if i := srv.Info(); time.Since(start) > 2*time.Second && i.FPS != lastFPS {
			lastFPS = i.FPS
			fps = append(fps, i.FPS)
		}
	}
	info := srv.Info()
	if len(fps) == 0 {
		return fmt.Errorf("page bench: the page reported no frame rate; browser said:\n%s", br.Logs())
	}
	sum := 0.0
	for _, f := range fps {
		sum += f
	}
	st := srv.Stats()
	return emit(out, map[string]any{
		"bench": "page_frame_rate", "width": c.PageWidth, "height": c.PageHeight, "triangles": m.Mesh.TriangleCount(),
		"renderer": info.Renderer, "models_sent": st.Sent, "models_drawn": drawn, "models_skipped": st.Skipped,
		"fps": sum / float64(len(fps)), "min_fps": slices.Min(fps), "seconds": len(fps),
	})
}
