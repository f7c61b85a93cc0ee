package meshio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"cloudme.dev/proto/mesh"
)

// WritePLY writes m as binary little-endian PLY: float x, y, z, uchar red,
// green, blue when m has colours, and one "list uchar int vertex_indices"
// triangle per face. The mesh must pass mesh.Validate.
func WritePLY(w io.Writer, m *mesh.Mesh) error {
	if m == nil {
		return fmt.Errorf("write ply: nil mesh: %w", ErrInvalidMesh)
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("write ply: %w: %w", ErrInvalidMesh, err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "ply\nformat binary_little_endian 1.0\ncomment written by cloudme.dev/calibration/meshio\n")
	fmt.Fprintf(bw, "element vertex %d\nproperty float x\nproperty float y\nproperty float z\n", m.VertexCount())
	if m.HasColors() {
		fmt.Fprintf(bw, "property uchar red\nproperty uchar green\nproperty uchar blue\n")
	}
	fmt.Fprintf(bw, "element face %d\nproperty list uchar int vertex_indices\nend_header\n", m.TriangleCount())
	var buf [13]byte
	for i := 0; i < m.VertexCount(); i++ {
		for a := 0; a < 3; a++ {
			binary.LittleEndian.PutUint32(buf[4*a:], math.Float32bits(m.Positions[3*i+a]))
		}
		bw.Write(buf[:12])
		if m.HasColors() {
			bw.Write(m.Colors[3*i : 3*i+3])
		}
	}
	buf[0] = 3
	for t := 0; t < m.TriangleCount(); t++ {
		for k := 0; k < 3; k++ {
			binary.LittleEndian.PutUint32(buf[1+4*k:], m.Indices[3*t+k])
		}
		bw.Write(buf[:13])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write ply: %w", err)
	}
	return nil
}
