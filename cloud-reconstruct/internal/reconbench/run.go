package reconbench

import (
	"context"
	"fmt"
	"math"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

// Case is one configuration of the benchmark.
type Case struct {
	Cameras      int
	Resolution   string // synth resolution: 720p, 1080p, 4k
	CellMM       float64
	Frames       int    // timed frames (the first is an untimed warm-up extra)
	QualityEvery int    // measure quality on every k-th frame; 0: Frames/10
	Motion       string // synth motion; "" means walking-in-place
	Smoothing    float64
	Workers      int
	IoUSamples   int // ideal-hull lattice samples per quality frame; 0: 1e6
	TruthSamples int // surface samples for Chamfer; 0: 200000
	Seed         int64
	// Downscale is the booth's working-scale divisor d: each view's mask
	// and colour are brought to 1/d of the image as booth-capture sends
	// them (frameset.ScaledCropView). 0 or 1: full resolution.
	Downscale int
}

// Result is one JSON line. Keys end in their unit or name the quality.
type Result struct {
	Bench        string  `json:"bench"`
	Engine       string  `json:"engine"`
	Views        int     `json:"views"`
	Width        int     `json:"width"`
	Height       int     `json:"height"`
	Downscale    int     `json:"downscale"`
	CellMM       float64 `json:"cell_mm"`
	Smoothing    float64 `json:"smoothing"`
	Frames       int     `json:"frames"`
	HullP50MS    float64 `json:"hull_p50_ms"`
	HullP99MS    float64 `json:"hull_p99_ms"`
	SurfaceP50MS float64 `json:"surface_p50_ms"`
	SurfaceP99MS float64 `json:"surface_p99_ms"`
	ColorP50MS   float64 `json:"color_p50_ms"`
	ColorP99MS   float64 `json:"color_p99_ms"`
	P50MS        float64 `json:"p50_ms"`
	P99MS        float64 `json:"p99_ms"`
	CPUP50MS     float64 `json:"cpu_p50_ms"`
	CPUP99MS     float64 `json:"cpu_p99_ms"`
	Load1        float64 `json:"load1"`
	// YardstickBeforeMS and YardstickAfterMS are the machine's speed just
	// before and after the timed frames (synth.Yardstick): runs whose
	// yardsticks differ are not like for like.
	YardstickBeforeMS float64 `json:"yardstick_before_ms"`
	YardstickAfterMS  float64 `json:"yardstick_after_ms"`
	Triangles         int     `json:"triangles"`
	Vertices          int     `json:"vertices"`
	QualityFrames     int     `json:"quality_frames"`
	IoU               float64 `json:"iou"`
	IoUMin            float64 `json:"iou_min"`
	ChamferMM         float64 `json:"chamfer_mm"`
	ChamferAllMM      float64 `json:"chamfer_all_mm"`
	AgreedShare       float64 `json:"agreed_share"`
}

func (c *Case) defaults() error {
	if c.Cameras == 0 {
		c.Cameras = 8
	}
	if c.Resolution == "" {
		c.Resolution = "1080p"
	}
	if c.CellMM == 0 {
		c.CellMM = 5
	}
	if c.Frames == 0 {
		c.Frames = 100
	}
	if c.Frames < 1 {
		return fmt.Errorf("frames %d < 1", c.Frames)
	}
	if c.QualityEvery == 0 {
		c.QualityEvery = max(1, c.Frames/10)
	}
	if c.Downscale == 0 {
		c.Downscale = 1
	}
	if c.Downscale < 1 || c.Downscale > frameset.MaxDownscale {
		return fmt.Errorf("downscale %d outside 1 to %d", c.Downscale, frameset.MaxDownscale)
	}
	if c.Motion == "" {
		c.Motion = "walking-in-place"
	}
	if c.IoUSamples == 0 {
		c.IoUSamples = 1_000_000
	}
	if c.TruthSamples == 0 {
		c.TruthSamples = 200_000
	}
	return nil
}

// booth builds the rig, person and booth of a case. noDistortion zeroes
// the lens distortion (for peers that cannot model it).
func (c *Case) booth(noDistortion bool) (*synth.Booth, error) {
	r, err := synth.GenerateRig(synth.RigParams{Cameras: c.Cameras, Resolution: c.Resolution, Seed: c.Seed + 1})
	if err != nil {
		return nil, err
	}
	if noDistortion {
		for i := range r.Cameras {
			r.Cameras[i].D = rig.Distortion{}
		}
	}
	motion, err := synth.ParseMotion(c.Motion)
	if err != nil {
		return nil, err
	}
	p, err := synth.NewPerson(synth.PersonParams{Seed: c.Seed + 1, Motion: motion})
	if err != nil {
		return nil, err
	}
	return &synth.Booth{Rig: r, Subject: p, Workers: c.Workers}, nil
}

// cropMargin is the margin around a mask's box, in working pixels, as
// booth-capture's encoder's default.
const cropMargin = 4

// frameSet crops rendered views into a frame set at 1/d of the image, as
// a booth working at that scale sends them.
func frameSet(r *rig.Rig, views []*raster.Target, seq, d int) (*frameset.FrameSet, error) {
	fs := &frameset.FrameSet{BoothID: r.BoothID, Sequence: uint64(seq), CaptureTimeNs: int64(seq) + 1, Rig: r}
	for i, v := range views {
		m := &maskcodec.Mask{Width: v.Width, Height: v.Height, Pix: v.Mask}
		fv, err := frameset.ScaledCropView(r, r.Cameras[i].ID, m, v.Color, cropMargin, d)
		if err != nil {
			return nil, err
		}
		fs.Views = append(fs.Views, fv)
	}
	return fs, nil
}

// Run measures one case: Frames frames of the moving person, 30 fps.
func Run(ctx context.Context, c Case, log *zap.Logger) (Result, error) {
	if err := c.defaults(); err != nil {
		return Result{}, err
	}
	b, err := c.booth(false)
	if err != nil {
		return Result{}, err
	}
	r := b.Rig
	e, err := engine.NewCPU(engine.Config{Rig: r, CellSize: c.CellMM / 1000, Smoothing: c.Smoothing, Workers: c.Workers})
	if err != nil {
		return Result{}, err
	}
	defer e.Close()
	res := Result{Bench: "recon", Engine: e.Name(), Views: c.Cameras, Width: r.Cameras[0].Width, Height: r.Cameras[0].Height,
		Downscale: c.Downscale, CellMM: c.CellMM, Smoothing: c.Smoothing, Frames: c.Frames}
	views := synth.NewTargets(r)
	var hull, surf, col, total, cpu []time.Duration
	var tris, verts []float64
	var ious, chA, chAll, shares []float64
	var m mesh.Mesh
	if res.YardstickBeforeMS, err = synth.Yardstick(); err != nil {
		return res, err
	}
	for i := -1; i < c.Frames; i++ { // frame -1 warms the engine up
		if err := ctx.Err(); err != nil {
			return res, err
		}
		t := float64(max(i, 0)) / 30
		truth, err := b.Render(t, views)
		if err != nil {
			return res, err
		}
		fs, err := frameSet(r, views, i+1, c.Downscale)
		if err != nil {
			return res, err
		}
		c0 := processCPU()
		st, err := e.Reconstruct(ctx, fs, &m)
		if err != nil {
			return res, fmt.Errorf("frame %d: %w", i, err)
		}
		cpu = append(cpu, processCPU()-c0)
		if i < 0 {
			continue
		}
		hull, surf, col, total = append(hull, st.Hull), append(surf, st.Surface), append(col, st.Color), append(total, st.Total)
		tris, verts = append(tris, float64(st.Triangles)), append(verts, float64(st.Vertices))
		if i%c.QualityEvery != 0 {
			continue
		}
		iou, agreedMM, allMM, share, err := c.quality(r, fs, views, truth.Figure, &m)
		if err != nil {
			return res, fmt.Errorf("frame %d quality: %w", i, err)
		}
		ious, chA, chAll, shares = append(ious, iou), append(chA, agreedMM), append(chAll, allMM), append(shares, share)
		log.Debug("quality", zap.Int("frame", i), zap.Float64("iou", iou), zap.Float64("chamfer_mm", agreedMM),
			zap.Float64("chamfer_all_mm", allMM), zap.Duration("total", st.Total))
	}
	res.HullP50MS, res.HullP99MS = quantile(hull, 0.5), quantile(hull, 0.99)
	res.SurfaceP50MS, res.SurfaceP99MS = quantile(surf, 0.5), quantile(surf, 0.99)
	res.ColorP50MS, res.ColorP99MS = quantile(col, 0.5), quantile(col, 0.99)
	res.P50MS, res.P99MS = quantile(total, 0.5), quantile(total, 0.99)
	res.CPUP50MS, res.CPUP99MS = quantile(cpu[1:], 0.5), quantile(cpu[1:], 0.99)
	res.Load1 = loadAverage()
	if res.YardstickAfterMS, err = synth.Yardstick(); err != nil {
		return res, err
	}
	res.Triangles, res.Vertices = int(median(tris)), int(median(verts))
	res.QualityFrames = len(ious)
	res.IoU, res.IoUMin = mean(ious), minOf(ious)
	res.ChamferMM, res.ChamferAllMM, res.AgreedShare = mean(chA), mean(chAll), mean(shares)
	return res, nil
}

// quality measures one reconstructed frame against the ideal hull of the
// masks the engine got (fs) and the true surface (fig; the rendered
// full-resolution views decide where the cameras agree).
func (c *Case) quality(r *rig.Rig, fs *frameset.FrameSet, views []*raster.Target, fig synth.Figure, m *mesh.Mesh) (iou, agreedMM, allMM, share float64, err error) {
	ideal := &IdealHull{Views: fs.Views, Lo: engine.DefaultLo, Hi: engine.DefaultHi}
	solid, err := metrics.MeshSolid(m)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	lo, hi := unionBox(fig, m)
	if iou, err = latticeIoU(solid, ideal, lo, hi, 0.001, c.IoUSamples, uint64(c.Seed)+7); err != nil {
		return 0, 0, 0, 0, err
	}
	truth := fig.SurfaceSamples(c.TruthSamples, c.Seed+3)
	agreedMM, allMM, share = chamfer(r, views, truth, m, c.TruthSamples)
	return iou, agreedMM, allMM, share, nil
}

// unionBox holds the figure and the mesh, grown by 2 cm, inside the booth.
func unionBox(fig synth.Figure, m *mesh.Mesh) (lo, hi [3]float64) {
	flo, fhi := fig.Bounds()
	mlo, mhi := m.Bounds()
	for a := 0; a < 3; a++ {
		lo[a] = math.Max(math.Min(flo[a], float64(mlo[a]))-0.02, engine.DefaultLo[a])
		hi[a] = math.Min(math.Max(fhi[a], float64(mhi[a]))+0.02, engine.DefaultHi[a])
	}
	return lo, hi
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ds := make([]time.Duration, len(xs))
	for i, x := range xs {
		ds[i] = time.Duration(x * 1e6)
	}
	return quantile(ds, 0.5)
}
