package reconbench

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"go.uber.org/zap"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/proto/mesh"
)

// TestDownscaledQualityUsesTheEnginesMasks runs a case at a coarse
// working scale, where the masks the engine gets differ measurably from
// the full-resolution ones, and checks that the IoU Run reports is the
// one against the ideal hull of those masks (high), not of the
// full-resolution masks (measurably lower on the same mesh).
func TestDownscaledQualityUsesTheEnginesMasks(t *testing.T) {
	if testing.Short() {
		t.Skip("renders and reconstructs a 720p frame")
	}
	ctx := context.Background()
	c := Case{Resolution: "720p", Downscale: 2, Frames: 1, QualityEvery: 1, IoUSamples: 100_000, TruthSamples: 5_000}
	res, err := Run(ctx, c, zap.NewNop())
	if err != nil {
		t.Fatal(err)
	}
	if res.Downscale != 2 || res.QualityFrames != 1 {
		t.Fatalf("downscale %d, %d quality frames", res.Downscale, res.QualityFrames)
	}
	if !(res.YardstickBeforeMS > 0 && res.YardstickAfterMS > 0) {
		t.Fatalf("yardsticks %v and %v ms", res.YardstickBeforeMS, res.YardstickAfterMS)
	}

	// The same frame by hand: the mesh the engine builds from the
	// downscaled masks, scored against both ideal hulls.
	r, views, truth := renderFirst(t, &c)
	own, err := frameSet(r, views, 1, c.Downscale)
	if err != nil {
		t.Fatal(err)
	}
	full, err := frameSet(r, views, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.NewCPU(engine.Config{Rig: r, CellSize: c.CellMM / 1000})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var m mesh.Mesh
	if _, err := e.Reconstruct(ctx, own, &m); err != nil {
		t.Fatal(err)
	}
	solid, err := metrics.MeshSolid(&m)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := unionBox(truth.Figure, &m)
	score := func(h *IdealHull) float64 {
		iou, err := latticeIoU(solid, h, lo, hi, 0.001, c.IoUSamples, uint64(c.Seed)+7)
		if err != nil {
			t.Fatal(err)
		}
		return iou
	}
	iouOwn := score(&IdealHull{Views: own.Views, Lo: engine.DefaultLo, Hi: engine.DefaultHi})
	iouFull := score(&IdealHull{Views: full.Views, Lo: engine.DefaultLo, Hi: engine.DefaultHi})
	t.Logf("IoU reported %.4f, against its own masks' hull %.4f, against the full-resolution hull %.4f", res.IoU, iouOwn, iouFull)
	if math.Abs(res.IoU-iouOwn) > 0.002 {
		t.Errorf("Run reports IoU %.4f, the hull of the engine's masks gives %.4f", res.IoU, iouOwn)
	}
	if iouOwn < 0.95 {
		t.Errorf("IoU against the hull of the engine's own masks %.4f < 0.95", iouOwn)
	}
	if iouFull > iouOwn-0.02 {
		t.Errorf("the case does not tell the hulls apart: %.4f against the full-resolution hull, %.4f against its own", iouFull, iouOwn)
	}
}

// renderFirst fills c's defaults and renders its booth's first frame.
func renderFirst(t *testing.T, c *Case) (*rig.Rig, []*raster.Target, synth.FrameTruth) {
	t.Helper()
	if err := c.defaults(); err != nil {
		t.Fatal(err)
	}
	b, err := c.booth(false)
	if err != nil {
		t.Fatal(err)
	}
	views := synth.NewTargets(b.Rig)
	truth, err := b.Render(0, views)
	if err != nil {
		t.Fatal(err)
	}
	return b.Rig, views, truth
}

// TestIdealHullFullResolution checks that at scale 1 the ideal hull of
// the cropped views is the hull of the full-image masks, pixel for pixel.
func TestIdealHullFullResolution(t *testing.T) {
	t.Parallel()
	c := Case{Resolution: "720p"}
	r, views, truth := renderFirst(t, &c)
	fs, err := frameSet(r, views, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	h := &IdealHull{Views: fs.Views, Lo: engine.DefaultLo, Hi: engine.DefaultHi}
	direct := func(p [3]float64) bool { // the full-image masks, nearest pixel
		for a := 0; a < 3; a++ {
			if p[a] < engine.DefaultLo[a] || p[a] > engine.DefaultHi[a] {
				return false
			}
		}
		for i := range r.Cameras {
			cam := &r.Cameras[i]
			px, z := cam.Project(p)
			if z <= 0 {
				continue
			}
			x, y := int(math.Floor(px[0]+0.5)), int(math.Floor(px[1]+0.5))
			if x < 0 || y < 0 || x >= cam.Width || y >= cam.Height {
				continue
			}
			if views[i].Mask[y*cam.Width+x] == 0 {
				return false
			}
		}
		return true
	}
	lo, hi := truth.Figure.Bounds()
	rng := rand.New(rand.NewPCG(5, 6))
	inside := 0
	for k := 0; k < 50_000; k++ {
		var p [3]float64
		for a := range p {
			p[a] = lo[a] - 0.02 + rng.Float64()*(hi[a]-lo[a]+0.04)
		}
		got := h.Contains(p)
		if got != direct(p) {
			t.Fatalf("point %v: cropped views say %v, full masks the opposite", p, got)
		}
		if got {
			inside++
		}
	}
	if inside < 1000 {
		t.Fatalf("only %d of 50000 points inside: the test says nothing", inside)
	}
}
