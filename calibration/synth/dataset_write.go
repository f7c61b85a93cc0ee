package synth

import (
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/calibration/raster"
)

// WriteDataset renders m.Frames frames of the booth at m.FPS from
// m.StartTime and writes them under dir (created; it must not hold a
// manifest already) in the format of DATASET.md. The caller fills Frames,
// FPS, StartTime, Seed, Subject, Realism and Background; the rest comes
// from the booth. progress, when set, is called after each frame.
func WriteDataset(dir string, b *Booth, m Manifest, progress func(done, total int)) error {
	if b == nil || b.Rig == nil {
		return fmt.Errorf("write dataset: no booth or rig: %w", ErrParams)
	}
	if m.Frames < 1 || !(m.FPS > 0 && m.FPS <= 1000) {
		return fmt.Errorf("write dataset: %d frames at %g fps: %w", m.Frames, m.FPS, ErrParams)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		return fmt.Errorf("write dataset %s: already holds a dataset: %w", dir, ErrParams)
	}
	m.Version, m.BoothID, m.Files = DatasetVersion, b.Rig.BoothID, defaultFiles
	m.Units = ManifestUnits{Length: "m", Depth: "mm, uint16, 0 = nothing", Time: "s"}
	m.Realism, m.Background = b.Realism, b.Background != nil
	m.Cameras = m.Cameras[:0]
	for _, c := range b.Rig.Cameras {
		m.Cameras = append(m.Cameras, ManifestCamera{ID: c.ID, Name: c.Name, Width: c.Width, Height: c.Height})
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write dataset: %w", err)
	}
	if err := b.Rig.Save(filepath.Join(dir, m.Files.Rig)); err != nil {
		return fmt.Errorf("write dataset: %w", err)
	}
	views := NewTargets(b.Rig)
	for i := 0; i < m.Frames; i++ {
		t := m.StartTime + float64(i)/m.FPS
		truth, err := b.Render(t, views)
		if err != nil {
			return fmt.Errorf("write dataset frame %d: %w", i, err)
		}
		if err := writeFrame(dir, &m, i, truth, views, b); err != nil {
			return fmt.Errorf("write dataset frame %d: %w", i, err)
		}
		if progress != nil {
			progress(i+1, m.Frames)
		}
	}
	// The manifest goes last: a folder with one is complete.
	return writeJSON(filepath.Join(dir, "manifest.json"), &m)
}

// writeFrame writes one frame folder.
func writeFrame(dir string, m *Manifest, i int, truth FrameTruth, views []*raster.Target, b *Booth) error {
	fd := filepath.Join(dir, fmt.Sprintf(m.Files.FrameDir, i))
	if err := os.MkdirAll(fd, 0o755); err != nil {
		return err
	}
	errs := make([]error, len(views))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k, v := range views {
		id := b.Rig.Cameras[k].ID
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[k] = writeView(fd, m, id, v)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if err := meshio.WriteFile(filepath.Join(fd, m.Files.Truth), truth.Figure.Mesh()); err != nil {
		return err
	}
	return writeJSON(filepath.Join(fd, m.Files.Meta), &FrameMeta{Index: i, Time: truth.Time, Offsets: truth.Offsets, Gains: truth.Gains})
}

// writeView writes the colour, mask and depth images of one camera.
func writeView(fd string, m *Manifest, id int, v *raster.Target) error {
	w, h := v.Width, v.Height
	col := image.NewRGBA(image.Rect(0, 0, w, h))
	for p := 0; p < w*h; p++ {
		col.Pix[4*p], col.Pix[4*p+1], col.Pix[4*p+2], col.Pix[4*p+3] = v.Color[3*p], v.Color[3*p+1], v.Color[3*p+2], 255
	}
	mask := &image.Gray{Pix: v.Mask, Stride: w, Rect: image.Rect(0, 0, w, h)}
	depth := image.NewGray16(image.Rect(0, 0, w, h))
	for p, z := range v.Depth {
		mm := 0.0
		if v.Mask[p] != 0 && z > 0 && !math.IsInf(float64(z), 0) {
			mm = math.Min(math.Round(float64(z)*1000), 65535)
		}
		depth.Pix[2*p], depth.Pix[2*p+1] = uint8(uint16(mm)>>8), uint8(uint16(mm))
	}
	for _, f := range []struct {
		name string
		img  image.Image
	}{{m.Files.Color, col}, {m.Files.Mask, mask}, {m.Files.Depth, depth}} {
		if err := writePNG(filepath.Join(fd, fmt.Sprintf(f.name, id)), f.img); err != nil {
			return err
		}
	}
	return nil
}

// writePNG writes an image with fast compression.
func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}

// writeJSON writes v indented.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
