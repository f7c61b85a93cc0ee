package reconcli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"go.uber.org/zap"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/engine/source"
	"cloudme.dev/proto/mesh"
)

// Run reconstructs the input's frames and writes their meshes.
func Run(ctx context.Context, o *Options, log *zap.Logger) error {
	if err := o.check(); err != nil {
		return err
	}
	format, err := o.format()
	if err != nil {
		return err
	}
	var src source.Source
	switch format {
	case "synth":
		src, err = source.OpenSynth(o.In)
	case "middlebury":
		src, err = source.OpenMiddlebury(o.In, source.MiddleburyOptions{Threshold: o.Threshold, Dilate: o.Dilate, Erode: o.Erode})
	}
	if err != nil {
		return err
	}
	cfg := engine.Config{
		Rig: src.Rig(), CellSize: o.CellMM / 1000, AllowFineCells: true,
		Smoothing: o.Smoothing, Workers: o.Workers, NoColor: o.NoColor,
		UnseenCarves: o.UnseenCarves == "true" || (o.UnseenCarves == "auto" && format == "middlebury"),
	}
	if lo, hi, ok := src.Volume(); ok {
		cfg.Lo, cfg.Hi = lo, hi
	}
	if o.Lo != "" {
		if cfg.Lo, err = parseVec("lo", o.Lo); err != nil {
			return err
		}
		if cfg.Hi, err = parseVec("hi", o.Hi); err != nil {
			return err
		}
	}
	e, err := engine.NewCPU(cfg)
	if err != nil {
		return err
	}
	defer e.Close()
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	n := src.Len()
	if o.Frames > 0 && o.Frames < n {
		n = o.Frames
	}
	log.Info("reconstructing", zap.String("in", o.In), zap.String("format", format), zap.Int("frames", n),
		zap.Int("cameras", len(src.Rig().Cameras)), zap.Float64("cell_mm", o.CellMM),
		zap.Float64s("lo", cfg.Lo[:]), zap.Float64s("hi", cfg.Hi[:]))
	var m mesh.Mesh
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		fs, err := src.Frame(i)
		if err != nil {
			return err
		}
		st, err := e.Reconstruct(ctx, fs, &m)
		if err != nil {
			return fmt.Errorf("frame %d: %w", i, err)
		}
		base := filepath.Join(o.Out, fmt.Sprintf("frame_%06d", i))
		if err := meshio.WriteFile(base+".ply", &m); err != nil {
			return err
		}
		if err := meshio.WriteGLBFile(base+".glb", &m); err != nil {
			return err
		}
		log.Info("frame", zap.Int("frame", i), zap.Int("triangles", st.Triangles), zap.Int("vertices", st.Vertices),
			zap.Duration("hull", st.Hull), zap.Duration("surface", st.Surface), zap.Duration("colour", st.Color),
			zap.Duration("total", st.Total), zap.String("ply", base+".ply"))
	}
	return nil
}
