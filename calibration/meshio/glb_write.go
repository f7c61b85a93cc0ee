package meshio

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"

	"cloudme.dev/proto/mesh"
)

// WriteGLB writes m as binary glTF 2.0: one scene, one node, one mesh with
// one triangle primitive. POSITION is float32 (with the min and max glTF
// requires), indices are uint32, and colours, when present, go to COLOR_0
// as float32 linear RGB (glTF colours are linear; the sRGB bytes are
// converted, and ReadGLB converts them back). The mesh's axes are written
// as they are: the booth frame (+Y up, +Z forward, metres) is glTF's.
func WriteGLB(w io.Writer, m *mesh.Mesh) error {
	if m == nil {
		return fmt.Errorf("write glb: nil mesh: %w", ErrInvalidMesh)
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("write glb: %w: %w", ErrInvalidMesh, err)
	}
	nv, ni := m.VertexCount(), len(m.Indices)
	posBytes, idxBytes := 12*nv, 4*ni
	colBytes := 0
	if m.HasColors() {
		colBytes = 12 * nv
	}
	bin := make([]byte, 0, posBytes+idxBytes+colBytes)
	for _, v := range m.Positions {
		bin = binary.LittleEndian.AppendUint32(bin, math.Float32bits(v))
	}
	for _, i := range m.Indices {
		bin = binary.LittleEndian.AppendUint32(bin, i)
	}
	if m.HasColors() {
		var lut [256]float32
		for i := range lut {
			lut[i] = float32(srgbToLinear(float64(i) / 255))
		}
		for _, c := range m.Colors {
			bin = binary.LittleEndian.AppendUint32(bin, math.Float32bits(lut[c]))
		}
	}
	doc := glbDocument(m, posBytes, idxBytes, colBytes)
	js, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("write glb: %w", err)
	}
	for len(js)%4 != 0 {
		js = append(js, ' ')
	}
	total := 12 + 8 + len(js) + 8 + len(bin)
	if total > math.MaxUint32 {
		return fmt.Errorf("write glb: %d bytes is over the format's 4 GiB: %w", total, ErrLimit)
	}
	head := make([]byte, 0, 20)
	head = binary.LittleEndian.AppendUint32(head, glbMagic)
	head = binary.LittleEndian.AppendUint32(head, 2)
	head = binary.LittleEndian.AppendUint32(head, uint32(total))
	head = binary.LittleEndian.AppendUint32(head, uint32(len(js)))
	head = binary.LittleEndian.AppendUint32(head, glbChunkJSON)
	binHead := binary.LittleEndian.AppendUint32(nil, uint32(len(bin)))
	binHead = binary.LittleEndian.AppendUint32(binHead, glbChunkBIN)
	for _, part := range [][]byte{head, js, binHead, bin} {
		if _, err := w.Write(part); err != nil {
			return fmt.Errorf("write glb: %w", err)
		}
	}
	return nil
}

// WriteGLBFile writes m to path as binary glTF (see WriteGLB).
func WriteGLBFile(path string, m *mesh.Mesh) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write glb: %w", err)
	}
	if err := WriteGLB(f, m); err != nil {
		f.Close()
		return fmt.Errorf("mesh file %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("mesh file %s: %w", path, err)
	}
	return nil
}

// glbDocument builds the glTF JSON for the binary layout positions,
// indices, colours.
func glbDocument(m *mesh.Mesh, posBytes, idxBytes, colBytes int) map[string]any {
	nv := m.VertexCount()
	lo, hi := m.Bounds()
	attrs := map[string]int{"POSITION": 0}
	views := []map[string]any{
		{"buffer": 0, "byteOffset": 0, "byteLength": posBytes, "target": 34962},
		{"buffer": 0, "byteOffset": posBytes, "byteLength": idxBytes, "target": 34963},
	}
	accessors := []map[string]any{
		{"bufferView": 0, "componentType": 5126, "count": nv, "type": "VEC3",
			"min": []float32{lo[0], lo[1], lo[2]}, "max": []float32{hi[0], hi[1], hi[2]}},
		{"bufferView": 1, "componentType": 5125, "count": len(m.Indices), "type": "SCALAR"},
	}
	if colBytes > 0 {
		views = append(views, map[string]any{"buffer": 0, "byteOffset": posBytes + idxBytes, "byteLength": colBytes, "target": 34962})
		accessors = append(accessors, map[string]any{"bufferView": 2, "componentType": 5126, "count": nv, "type": "VEC3"})
		attrs["COLOR_0"] = 2
	}
	return map[string]any{
		"asset":       map[string]any{"version": "2.0", "generator": "cloudme meshio"},
		"scene":       0,
		"scenes":      []map[string]any{{"nodes": []int{0}}},
		"nodes":       []map[string]any{{"mesh": 0}},
		"meshes":      []map[string]any{{"primitives": []map[string]any{{"attributes": attrs, "indices": 1, "mode": 4}}}},
		"accessors":   accessors,
		"bufferViews": views,
		"buffers":     []map[string]any{{"byteLength": posBytes + idxBytes + colBytes}},
	}
}

// srgbToLinear inverts the sRGB transfer function for a value in [0, 1].
func srgbToLinear(x float64) float64 {
	if x <= 0.04045 {
		return x / 12.92
	}
	return math.Pow((x+0.055)/1.055, 2.4)
}
