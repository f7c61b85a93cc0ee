package meshcodec

import (
	"encoding/binary"
	"fmt"
	"math"
)

// FormatVersion is the version of the stream format this package writes and
// the newest it reads.
const FormatVersion = 2

// FlagColors marks a stream that carries one colour per vertex.
const FlagColors = 1 << 0

const knownFlags = FlagColors

// headerSize is the fixed size of the header: magic (4), version, flags,
// position bits, colour bits (1 each), vertex and triangle counts (4 each,
// little endian), bounds min and max (3 float32 each).
const headerSize = 40

var magic = [4]byte{'C', 'M', 'S', 'H'}

// Header is the fixed-size start of every stream.
type Header struct {
	Version       int
	Flags         int
	VertexCount   int
	TriangleCount int
	PositionBits  int
	ColorBits     int // 0 when the stream has no colours
	BoundsMin     [3]float32
	BoundsMax     [3]float32
}

// HasColors reports whether the stream carries per-vertex colours.
func (h Header) HasColors() bool { return h.Flags&FlagColors != 0 }

func (h Header) appendTo(dst []byte) []byte {
	dst = append(dst, magic[:]...)
	dst = append(dst, byte(h.Version), byte(h.Flags), byte(h.PositionBits), byte(h.ColorBits))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(h.VertexCount))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(h.TriangleCount))
	for _, v := range h.BoundsMin {
		dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
	}
	for _, v := range h.BoundsMax {
		dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
	}
	return dst
}

// ReadHeader parses and checks the header at the start of data without
// decoding the rest. A stream from a newer format version gives ErrVersion.
func ReadHeader(data []byte) (Header, error) {
	var h Header
	if len(data) < len(magic) || [4]byte(data[:4]) != magic {
		return h, fmt.Errorf("%w: not a mesh stream (bad magic)", ErrCorrupt)
	}
	if len(data) < 5 {
		return h, fmt.Errorf("%w: header truncated at %d bytes", ErrCorrupt, len(data))
	}
	h.Version = int(data[4])
	if h.Version > FormatVersion {
		return h, fmt.Errorf("%w: mesh stream format version %d is newer than this decoder (%d): update booth-render",
			ErrVersion, h.Version, FormatVersion)
	}
	if h.Version == 0 {
		return h, fmt.Errorf("%w: format version 0", ErrCorrupt)
	}
	if len(data) < headerSize {
		return h, fmt.Errorf("%w: header truncated at %d of %d bytes", ErrCorrupt, len(data), headerSize)
	}
	h.Flags = int(data[5])
	h.PositionBits = int(data[6])
	h.ColorBits = int(data[7])
	h.VertexCount = int(binary.LittleEndian.Uint32(data[8:]))
	h.TriangleCount = int(binary.LittleEndian.Uint32(data[12:]))
	for a := 0; a < 3; a++ {
		h.BoundsMin[a] = math.Float32frombits(binary.LittleEndian.Uint32(data[16+4*a:]))
		h.BoundsMax[a] = math.Float32frombits(binary.LittleEndian.Uint32(data[28+4*a:]))
	}
	if h.Flags&^knownFlags != 0 {
		return h, fmt.Errorf("%w: unknown flags %#x", ErrCorrupt, h.Flags)
	}
	if h.PositionBits < minPositionBits || h.PositionBits > maxPositionBits {
		return h, fmt.Errorf("%w: position bits %d outside %d..%d", ErrCorrupt, h.PositionBits, minPositionBits, maxPositionBits)
	}
	if h.HasColors() {
		if h.ColorBits < minColorBits || h.ColorBits > maxColorBits {
			return h, fmt.Errorf("%w: colour bits %d outside %d..%d", ErrCorrupt, h.ColorBits, minColorBits, maxColorBits)
		}
	} else if h.ColorBits != 0 {
		return h, fmt.Errorf("%w: colour bits %d without colours", ErrCorrupt, h.ColorBits)
	}
	for a := 0; a < 3; a++ {
		lo, hi := float64(h.BoundsMin[a]), float64(h.BoundsMax[a])
		if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) || lo > hi {
			return h, fmt.Errorf("%w: bad bounds on axis %d: %g..%g", ErrCorrupt, a, lo, hi)
		}
	}
	if h.TriangleCount > 0 && h.VertexCount == 0 {
		return h, fmt.Errorf("%w: %d triangles without vertices", ErrCorrupt, h.TriangleCount)
	}
	return h, nil
}
