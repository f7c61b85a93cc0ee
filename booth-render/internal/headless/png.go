package headless

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
)

// WritePNG writes img to path atomically (a temporary file renamed), so a
// monitor never reads half a snapshot. Speed beats size: snapshots are 4K.
func WritePNG(path string, img image.Image) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".snapshot-*.png")
	if err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(tmp, img); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write snapshot %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write snapshot %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write snapshot %s: %w", path, err)
	}
	return nil
}
