package meshio

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cloudme.dev/proto/mesh"
)

// ReadFile reads a mesh file, choosing the format by its extension: .ply,
// .obj or .glb (any case).
func ReadFile(path string) (*mesh.Mesh, error) {
	var read func(f *os.File) (*mesh.Mesh, error)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ply":
		read = func(f *os.File) (*mesh.Mesh, error) { return ReadPLY(f) }
	case ".obj":
		read = func(f *os.File) (*mesh.Mesh, error) { return ReadOBJ(f) }
	case ".glb":
		read = func(f *os.File) (*mesh.Mesh, error) { return ReadGLB(f) }
	default:
		return nil, fmt.Errorf("mesh file %s: extension is not .ply, .obj or .glb: %w", path, ErrUnsupported)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read mesh: %w", err)
	}
	defer f.Close()
	m, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("mesh file %s: %w", path, err)
	}
	return m, nil
}

// WriteFile writes m to path as binary PLY (see WritePLY).
func WriteFile(path string, m *mesh.Mesh) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write mesh: %w", err)
	}
	if err := WritePLY(f, m); err != nil {
		f.Close()
		return fmt.Errorf("mesh file %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("mesh file %s: %w", path, err)
	}
	return nil
}
