package synth

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// BenchCase is one configuration of the render benchmark.
type BenchCase struct {
	Name       string
	Cameras    int
	Resolution string
	Background bool
	Frames     int // rendered and timed, after one untimed warm-up frame
}

// BenchResult is what one case measured. JSON keys end in their unit.
type BenchResult struct {
	Bench       string  `json:"bench"`
	Views       int     `json:"views"`
	Width       int     `json:"width"`
	Height      int     `json:"height"`
	Background  bool    `json:"background"`
	Frames      int     `json:"frames"`
	Triangles   int     `json:"triangles"`
	PoseP50MS   float64 `json:"pose_p50_ms"`
	RenderP50MS float64 `json:"p50_ms"`
	RenderP99MS float64 `json:"p99_ms"`
	PixelsPerS  float64 `json:"pixels_per_s"`
}

// RunBench renders c.Frames frames of the default person (Tour motion, so
// poses vary) and reports the time per frame for all views together.
func RunBench(c BenchCase) (BenchResult, error) {
	if c.Frames < 1 {
		return BenchResult{}, fmt.Errorf("bench %s: %d frames: %w", c.Name, c.Frames, ErrParams)
	}
	r, err := GenerateRig(RigParams{Cameras: c.Cameras, Resolution: c.Resolution, Seed: 1})
	if err != nil {
		return BenchResult{}, err
	}
	p, err := NewPerson(PersonParams{Seed: 1, Motion: Tour})
	if err != nil {
		return BenchResult{}, err
	}
	b := &Booth{Rig: r, Subject: p}
	if c.Background {
		b.Background = NewBackground(DefaultWidth, DefaultHeight, 1)
	}
	views := NewTargets(r)
	if _, err := b.Render(0, views); err != nil { // warm-up: scratch, plates
		return BenchResult{}, err
	}
	render := make([]float64, 0, c.Frames)
	pose := make([]float64, 0, c.Frames)
	for i := 1; i <= c.Frames; i++ {
		t := float64(i) * 0.37 // spread over the tour
		t0 := time.Now()
		p.Pose(t)
		pose = append(pose, ms(time.Since(t0)))
		t0 = time.Now()
		if _, err := b.Render(t, views); err != nil {
			return BenchResult{}, err
		}
		render = append(render, ms(time.Since(t0)))
	}
	w, h := r.Cameras[0].Width, r.Cameras[0].Height
	res := BenchResult{
		Bench: c.Name, Views: c.Cameras, Width: w, Height: h, Background: c.Background, Frames: c.Frames,
		Triangles: p.TriangleCount(), PoseP50MS: quantile(pose, 0.5),
		RenderP50MS: quantile(render, 0.5), RenderP99MS: quantile(render, 0.99),
	}
	res.PixelsPerS = float64(c.Cameras*w*h) / (res.RenderP50MS / 1000)
	return res, nil
}

// ms converts a duration to milliseconds.
func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// quantile returns the q-quantile (nearest rank) of xs.
func quantile(xs []float64, q float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	k := int(math.Ceil(q*float64(len(s)))) - 1
	if k >= len(s) {
		k = len(s) - 1
	}
	if k < 0 {
		k = 0
	}
	return s[k]
}
