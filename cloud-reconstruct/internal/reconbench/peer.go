package reconbench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/mesh"
)

// ErrNoPeer reports that the Open3D peer cannot run here.
var ErrNoPeer = errors.New("open3d peer unavailable")

// PeerCase is one side-by-side run against Open3D.
type PeerCase struct {
	Case
	Script  string // bench/open3d/carve.py
	Python  string // interpreter with open3d; "" means /usr/bin/python3
	Repeats int    // timed repeats of each frame for the engine; 0: 10
}

// PeerLines is what a side-by-side run prints: the engine's line and the
// peer's, both with the configuration.
type PeerLines struct {
	Ours, Peer map[string]any
}

// CheckPeer reports whether the interpreter can import open3d.
func CheckPeer(ctx context.Context, python string) error {
	if python == "" {
		python = "/usr/bin/python3"
	}
	out, err := exec.CommandContext(ctx, python, "-c", "import open3d, numpy").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s -c 'import open3d': %v: %s", ErrNoPeer, python, err, bytes.TrimSpace(out))
	}
	return nil
}

// RunPeer renders c.Frames frames with a distortion-free rig (Open3D's
// carving has no lens model), carves them with the engine and with
// Open3D over the same volume (synth.PersonBox on the floor) at the same
// cell size, and scores both against the same ideal-hull samples.
func RunPeer(ctx context.Context, c PeerCase, log *zap.Logger) (PeerLines, error) {
	if err := c.defaults(); err != nil {
		return PeerLines{}, err
	}
	if c.Downscale != 1 {
		return PeerLines{}, fmt.Errorf("open3d peer runs at full resolution only, not at downscale %d", c.Downscale)
	}
	if c.Repeats == 0 {
		c.Repeats = 10
	}
	if c.Python == "" {
		c.Python = "/usr/bin/python3"
	}
	if err := CheckPeer(ctx, c.Python); err != nil {
		return PeerLines{}, err
	}
	b, err := c.booth(true)
	if err != nil {
		return PeerLines{}, err
	}
	r := b.Rig
	lo := [3]float64{-synth.PersonBox[0] / 2, 0, -synth.PersonBox[2] / 2}
	hi := [3]float64{synth.PersonBox[0] / 2, synth.PersonBox[1], synth.PersonBox[2] / 2}
	e, err := engine.NewCPU(engine.Config{Rig: r, Lo: lo, Hi: hi, CellSize: c.CellMM / 1000, Workers: c.Workers, NoColor: true})
	if err != nil {
		return PeerLines{}, err
	}
	defer e.Close()
	dir, err := os.MkdirTemp("", "bench-recon-open3d-")
	if err != nil {
		return PeerLines{}, err
	}
	defer os.RemoveAll(dir)
	meta := map[string]any{"cell": c.CellMM / 1000, "lo": lo, "hi": hi}
	var cams []map[string]any
	for _, cam := range r.Cameras {
		R, T := cam.Pose.R, cam.Pose.T
		cams = append(cams, map[string]any{"width": cam.Width, "height": cam.Height,
			"fx": cam.K.Fx, "fy": cam.K.Fy, "cx": cam.K.Cx, "cy": cam.K.Cy,
			"extrinsic": []float64{R[0], R[1], R[2], T[0], R[3], R[4], R[5], T[1], R[6], R[7], R[8], T[2], 0, 0, 0, 1}})
	}
	meta["cameras"] = cams
	views := synth.NewTargets(r)
	var frames []map[string]any
	var times []time.Duration
	var ious []float64
	var m mesh.Mesh
	for i := 0; i < c.Frames; i++ {
		if _, err := b.Render(float64(i)/30, views); err != nil {
			return PeerLines{}, err
		}
		fs, err := frameSet(r, views, i, 1)
		if err != nil {
			return PeerLines{}, err
		}
		for k := 0; k <= c.Repeats; k++ { // the first run warms up
			st, err := e.Reconstruct(ctx, fs, &m)
			if err != nil {
				return PeerLines{}, err
			}
			if k > 0 {
				times = append(times, st.Hull+st.Surface)
			}
		}
		fr, iou, err := writePeerFrame(dir, i, fs, views, &m, lo, hi, c)
		if err != nil {
			return PeerLines{}, err
		}
		frames = append(frames, fr)
		ious = append(ious, iou)
	}
	meta["frames"] = frames
	js, err := json.Marshal(meta)
	if err != nil {
		return PeerLines{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "meta.json"), js, 0o644); err != nil {
		return PeerLines{}, err
	}
	log.Info("running open3d", zap.String("script", c.Script), zap.Int("frames", c.Frames))
	cmd := exec.CommandContext(ctx, c.Python, c.Script, dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return PeerLines{}, fmt.Errorf("%w: %s: %v: %s", ErrNoPeer, c.Script, err, bytes.TrimSpace(stderr.Bytes()))
	}
	var peer map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(lastLine(out)), &peer); err != nil {
		return PeerLines{}, fmt.Errorf("%w: open3d printed %q: %v", ErrNoPeer, out, err)
	}
	config := func(line map[string]any) {
		line["bench"] = "recon-vs-open3d"
		line["views"], line["width"], line["height"] = c.Cameras, r.Cameras[0].Width, r.Cameras[0].Height
		line["cell_mm"] = c.CellMM
		line["downscale"] = c.Downscale
		line["volume"] = "person-box"
	}
	ours := map[string]any{"engine": e.Name(), "frames": c.Frames, "p50_ms": quantile(times, 0.5), "p99_ms": quantile(times, 0.99), "iou": mean(ious)}
	config(ours)
	config(peer)
	if p50, ok := peer["p50_ms"].(float64); ok && ours["p50_ms"].(float64) > 0 {
		ours["speedup_x"] = p50 / ours["p50_ms"].(float64)
	}
	return PeerLines{Ours: ours, Peer: peer}, nil
}

// writePeerFrame writes frame i's silhouettes (float32, 1 inside), the
// ideal-hull samples and their labels, and scores the engine's mesh on the
// same samples.
func writePeerFrame(dir string, i int, fs *frameset.FrameSet, views []*raster.Target, m *mesh.Mesh, lo, hi [3]float64, c PeerCase) (map[string]any, float64, error) {
	var maskFiles []string
	for ci, v := range views {
		f := make([]float32, len(v.Mask))
		for k, p := range v.Mask {
			if p != 0 {
				f[k] = 1
			}
		}
		name := fmt.Sprintf("f%03d_c%02d.npy", i, ci)
		if err := writeNPY(filepath.Join(dir, name), []int{v.Height, v.Width}, f); err != nil {
			return nil, 0, err
		}
		maskFiles = append(maskFiles, name)
	}
	ideal := &IdealHull{Views: fs.Views, Lo: lo, Hi: hi}
	pts, labels := latticeSamples(ideal, lo, hi, 0.001, c.IoUSamples, uint64(i)+11)
	flat := make([]float32, 0, 3*len(pts))
	for _, p := range pts {
		flat = append(flat, float32(p[0]), float32(p[1]), float32(p[2]))
	}
	pn, ln := fmt.Sprintf("f%03d_points.npy", i), fmt.Sprintf("f%03d_labels.npy", i)
	if err := writeNPY(filepath.Join(dir, pn), []int{len(pts), 3}, flat); err != nil {
		return nil, 0, err
	}
	if err := writeNPY(filepath.Join(dir, ln), []int{len(pts)}, labels); err != nil {
		return nil, 0, err
	}
	solid, err := metrics.MeshSolid(m)
	if err != nil {
		return nil, 0, err
	}
	inter, union := 0, 0
	for k, p := range pts {
		a, b := solid.Contains(p), labels[k] != 0
		if a && b {
			inter++
		}
		if a || b {
			union++
		}
	}
	iou := 1.0
	if union > 0 {
		iou = float64(inter) / float64(union)
	}
	return map[string]any{"masks": maskFiles, "points": pn, "labels": ln}, iou, nil
}

func lastLine(b []byte) []byte {
	b = bytes.TrimSpace(b)
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return b[i+1:]
	}
	return b
}
