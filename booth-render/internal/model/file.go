package model

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
)

// ReadFile reads a model from a mesh file: .ply, .obj, .glb (meshio) or
// .cmesh (one mesh stream of the wire codec).
func ReadFile(path string, limits meshcodec.Limits) (*Model, error) {
	var m *mesh.Mesh
	if strings.EqualFold(filepath.Ext(path), ".cmesh") {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFile, err)
		}
		defer f.Close()
		max := limits.MaxBytes
		if max <= 0 {
			max = meshcodec.DefaultMaxBytes
		}
		data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrFile, path, err)
		}
		m = &mesh.Mesh{}
		if err := meshcodec.NewDecoder(limits).Decode(data, m); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrFile, path, err)
		}
	} else {
		var err error
		if m, err = meshio.ReadFile(path); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFile, err)
		}
	}
	md, err := FromMesh(m, "file", 1)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFile, path, err)
	}
	return md, nil
}
