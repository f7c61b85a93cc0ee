package meshcodec

import (
	"encoding/binary"
	"fmt"
)

// reader reads from a byte slice and reports running off its end as
// ErrCorrupt.
type reader struct {
	b   []byte
	pos int
}

func (r *reader) left() int { return len(r.b) - r.pos }

func (r *reader) byte() (byte, error) {
	if r.pos >= len(r.b) {
		return 0, fmt.Errorf("%w: unexpected end of data", ErrCorrupt)
	}
	c := r.b[r.pos]
	r.pos++
	return c, nil
}

func (r *reader) bytes(n int) ([]byte, error) {
	if n < 0 || n > r.left() {
		return nil, fmt.Errorf("%w: unexpected end of data", ErrCorrupt)
	}
	b := r.b[r.pos : r.pos+n]
	r.pos += n
	return b, nil
}

func (r *reader) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b[r.pos:])
	if n <= 0 {
		return 0, fmt.Errorf("%w: bad varint", ErrCorrupt)
	}
	r.pos += n
	return v, nil
}

// symbols is a residual stream being read: one byte per value, 255 escaping
// to a uvarint in the shared escape stream.
type symbols struct {
	b   []byte
	pos int
}

func (s *symbols) next(esc *reader) (int32, error) {
	if s.pos >= len(s.b) {
		return 0, fmt.Errorf("%w: residual stream ended early", ErrCorrupt)
	}
	z := uint64(s.b[s.pos])
	s.pos++
	if z == 255 {
		e, err := esc.uvarint()
		if err != nil {
			return 0, err
		}
		if e > 1<<20 {
			return 0, fmt.Errorf("%w: residual %d out of range", ErrCorrupt, e)
		}
		z += e
	}
	return int32(z>>1) ^ -int32(z&1), nil
}

// appendResidual zig-zags r into one byte of dst, escaping large values.
func appendResidual(dst, esc []byte, r int32) ([]byte, []byte) {
	z := uint32(r<<1) ^ uint32(r>>31)
	if z < 255 {
		return append(dst, byte(z)), esc
	}
	return append(dst, 255), binary.AppendUvarint(esc, uint64(z-255))
}
