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

// residualStreams are the residual streams of one attribute being read,
// one byte per value, 255 escaping to a uvarint in the shared escape
// stream. All streams lie in one buffer, each followed by a 255, so that a
// read needs no end check: a 255 is an escape or the end of its stream,
// told apart on the slow path.
type residualStreams struct {
	buf      []byte
	cur, end [3 * numContexts]int32 // per stream, next byte and closing 255
	esc      reader
}

// read decodes one block per stream from r, of at most maxTotal bytes
// together, then the escape block of at most maxEscapes bytes; names are
// those of both in errors.
func (rs *residualStreams) read(r *reader, br *blockReader, maxTotal, maxEscapes int, names [2]string) error {
	rs.buf = rs.buf[:0]
	for i := range rs.cur {
		start := len(rs.buf)
		var err error
		if rs.buf, err = br.readBlock(r, rs.buf, maxTotal, names[0]); err != nil {
			return err
		}
		maxTotal -= len(rs.buf) - start
		rs.cur[i], rs.end[i] = int32(start), int32(len(rs.buf))
		rs.buf = append(rs.buf, 255)
	}
	esc, err := br.readBlock(r, rs.esc.b[:0], maxEscapes, names[1])
	rs.esc = reader{b: esc}
	return err
}

// fits reports whether a first part's share of the streams read, share[i]
// bytes of stream i and esc bytes of escapes, fits in them.
func (rs *residualStreams) fits(share *[3 * numContexts]int, esc int) bool {
	for i, n := range share {
		if n > int(rs.end[i]-rs.cur[i]) {
			return false
		}
	}
	return esc <= rs.esc.left()
}

// view returns the streams read, unread yet, for part 0 or 1 of two whose
// first has share (as fits), or for the only part when share is nil. The
// views share the buffer, which they only read. A view of the first part
// ends inside the buffer: a 255 at or past its end is the end of its
// stream (escaped), so it cannot read past the buffer either.
func (rs *residualStreams) view(part int, share *[3 * numContexts]int, esc int) residualStreams {
	v := residualStreams{buf: rs.buf, cur: rs.cur, end: rs.end, esc: rs.esc}
	if share == nil {
		return v
	}
	for i, n := range share {
		if part == 0 {
			v.end[i] = v.cur[i] + int32(n)
		} else {
			v.cur[i] += int32(n)
		}
	}
	if part == 0 {
		v.esc = reader{b: rs.esc.b[:esc]}
	} else {
		v.esc = reader{b: rs.esc.b[esc:]}
	}
	return v
}

// next returns the next value of stream s.
func (rs *residualStreams) next(s int) (int32, error) {
	if r, ok := rs.add(s, 0); ok {
		return r, nil
	}
	return rs.escaped(s)
}

// add is next's fast path, small enough to inline, for a value predicted
// as pred: it returns pred plus the value read, and ok false when the byte
// read is a 255, which escaped then reads.
func (rs *residualStreams) add(s int, pred int32) (v int32, ok bool) {
	i := rs.cur[s]
	z := rs.buf[i]
	rs.cur[s] = i + 1
	return pred + (int32(z>>1) ^ -int32(z&1)), z != 255
}

// escaped reads the value of stream s whose 255 add has just read: an
// escape, or the end of the stream.
func (rs *residualStreams) escaped(s int) (int32, error) {
	if rs.cur[s]--; rs.cur[s] >= rs.end[s] {
		return 0, fmt.Errorf("%w: residual stream ended early", ErrCorrupt)
	}
	rs.cur[s]++
	e, err := rs.esc.uvarint()
	if err != nil {
		return 0, err
	}
	if e > 1<<20 {
		return 0, fmt.Errorf("%w: residual %d out of range", ErrCorrupt, e)
	}
	z := 255 + e
	return int32(z>>1) ^ -int32(z&1), nil
}

// consumed reports whether every value and escape has been read.
func (rs *residualStreams) consumed() bool {
	return rs.cur == rs.end && rs.esc.left() == 0
}

// appendResidual zig-zags r into one byte of *dst, escaping large values
// to *esc.
func appendResidual(dst, esc *[]byte, r int32) {
	if z := uint32(r<<1) ^ uint32(r>>31); z < 255 {
		*dst = append(*dst, byte(z))
	} else {
		appendEscape(dst, esc, z)
	}
}

func appendEscape(dst, esc *[]byte, z uint32) {
	*dst = append(*dst, 255)
	*esc = binary.AppendUvarint(*esc, uint64(z-255))
}
