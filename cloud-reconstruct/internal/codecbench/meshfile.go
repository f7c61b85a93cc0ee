package codecbench

import (
	"encoding/binary"
	"math"

	"cloudme.dev/proto/mesh"
)

// AppendMeshFile appends m in the simple file format that bench/draco/
// encode.mjs reads, little endian: "CMBM", u32 version 1, u32 vertices,
// u32 triangles, u32 position bits, u32 colour bits (0 without colours),
// f32 x,y,z per vertex, u32 indices, u8 r,g,b per vertex.
func AppendMeshFile(dst []byte, m *mesh.Mesh, positionBits, colorBits int) []byte {
	if !m.HasColors() {
		colorBits = 0
	}
	dst = append(dst, "CMBM"...)
	for _, v := range []int{1, m.VertexCount(), m.TriangleCount(), positionBits, colorBits} {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(v))
	}
	for _, p := range m.Positions {
		dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(p))
	}
	for _, ix := range m.Indices {
		dst = binary.LittleEndian.AppendUint32(dst, ix)
	}
	if colorBits > 0 {
		dst = append(dst, m.Colors...)
	}
	return dst
}
