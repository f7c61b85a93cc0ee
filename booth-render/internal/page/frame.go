package page

import (
	"encoding/binary"
	"math"

	"cloudme.dev/booth-render/internal/model"
)

// frameMagic starts every binary model frame ("CMF1" little-endian).
const frameMagic = 0x31464d43

const frameHeader = 32

func pad4(n int) int { return (n + 3) &^ 3 }

// frameSize is the encoded size of a model with nv vertices and nt
// triangles.
func frameSize(nv, nt int) int {
	return frameHeader + 12*nv + 2*pad4(3*nv) + 12*nt
}

// AppendFrame appends the binary model frame of m with the given frame id
// to dst (see the package documentation for the layout).
func AppendFrame(dst []byte, id uint32, m *model.Model) []byte {
	me := m.Mesh
	nv, nt := me.VertexCount(), me.TriangleCount()
	start := len(dst)
	dst = append(dst, make([]byte, frameSize(nv, nt))...)
	b := dst[start:]
	le := binary.LittleEndian
	le.PutUint32(b[0:], frameMagic)
	le.PutUint32(b[4:], id)
	le.PutUint64(b[8:], m.Seq)
	le.PutUint64(b[16:], uint64(m.CaptureNs))
	le.PutUint32(b[24:], uint32(nv))
	le.PutUint32(b[28:], uint32(nt))
	off := frameHeader
	for _, v := range me.Positions {
		le.PutUint32(b[off:], math.Float32bits(v))
		off += 4
	}
	for i := 0; i < 3*nv; i++ {
		var n float32
		if i < len(m.Normals) {
			n = m.Normals[i]
		}
		b[off+i] = byte(int8(math.Round(float64(max(-1, min(1, n))) * 127)))
	}
	off += pad4(3 * nv)
	if me.HasColors() {
		copy(b[off:], me.Colors)
	} else {
		for i := 0; i < 3*nv; i++ {
			b[off+i] = 255 // the software renderer's colour for an uncoloured mesh
		}
	}
	off += pad4(3 * nv)
	for _, ix := range me.Indices {
		le.PutUint32(b[off:], ix)
		off += 4
	}
	return dst
}
