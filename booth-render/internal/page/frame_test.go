package page

import (
	"encoding/binary"
	"math"
	"testing"

	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/proto/mesh"
)

// parseFrame reads a binary model frame as the page does.
func parseFrame(t testing.TB, b []byte) (id uint32, seq uint64, capture int64, pos []float32, nrm []int8, col []uint8, idx []uint32) {
	t.Helper()
	le := binary.LittleEndian
	if len(b) < frameHeader || le.Uint32(b) != frameMagic {
		t.Fatal("not a model frame")
	}
	id, seq, capture = le.Uint32(b[4:]), le.Uint64(b[8:]), int64(le.Uint64(b[16:]))
	nv, nt := int(le.Uint32(b[24:])), int(le.Uint32(b[28:]))
	if len(b) != frameSize(nv, nt) {
		t.Fatalf("frame is %d bytes, header says %d", len(b), frameSize(nv, nt))
	}
	off := frameHeader
	for i := 0; i < 3*nv; i++ {
		pos = append(pos, math.Float32frombits(le.Uint32(b[off:])))
		off += 4
	}
	for i := 0; i < 3*nv; i++ {
		nrm = append(nrm, int8(b[off+i]))
	}
	off += pad4(3 * nv)
	col = append(col, b[off:off+3*nv]...)
	off += pad4(3 * nv)
	for i := 0; i < 3*nt; i++ {
		idx = append(idx, le.Uint32(b[off:]))
		off += 4
	}
	return
}

func TestFrameLayout(t *testing.T) {
	t.Parallel()
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5, 0.5, 0.5},
		Colors:    []uint8{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9, 1, 2, 3},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	md, err := model.FromMesh(m, "booth-a", 77)
	if err != nil {
		t.Fatal(err)
	}
	md.CaptureNs = -5
	b := AppendFrame([]byte{1, 2, 3}, 9, md)[3:]
	id, seq, capture, pos, nrm, col, idx := parseFrame(t, b)
	if id != 9 || seq != 77 || capture != -5 {
		t.Fatalf("header %d %d %d", id, seq, capture)
	}
	for i := range m.Positions {
		if pos[i] != m.Positions[i] || col[i] != m.Colors[i] {
			t.Fatalf("vertex value %d", i)
		}
		if d := float64(nrm[i])/127 - float64(md.Normals[i]); math.Abs(d) > 0.5/127+1e-6 {
			t.Fatalf("normal %d: %d vs %v", i, nrm[i], md.Normals[i])
		}
	}
	for i := range m.Indices {
		if idx[i] != m.Indices[i] {
			t.Fatalf("index %d", i)
		}
	}
	// An uncoloured mesh is white, as the software renderer draws it.
	m.Colors = nil
	_, _, _, _, _, col, _ = parseFrame(t, AppendFrame(nil, 1, md))
	for _, c := range col {
		if c != 255 {
			t.Fatal("uncoloured mesh not white")
		}
	}
}
