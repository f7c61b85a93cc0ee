package maskcodec

import (
	"fmt"
	"slices"
)

// rowScratch holds the transitions of the previous and the current row,
// reused from one mask to the next.
type rowScratch struct {
	prev, cur []int32
}

// appendRows appends the token stream of m (see the package doc) to dst.
func appendRows(dst []byte, m *Mask, s *rowScratch) []byte {
	w := m.Width
	prev, cur := s.prev[:0], s.cur[:0]
	repeat := 0
	for y := range m.Height {
		cur = appendTransitions(cur[:0], m.Pix[y*w:(y+1)*w])
		if slices.Equal(cur, prev) {
			repeat++
			continue
		}
		dst = appendRepeat(dst, repeat)
		repeat = 0
		if len(cur) == len(prev) {
			dst = append(dst, 0)
			for i, t := range cur {
				dst = appendUvarint(dst, zigzag(t-prev[i]))
			}
		} else {
			dst = appendUvarint(dst, uint32(len(cur)+2))
			last := int32(-1)
			for _, t := range cur {
				dst = appendUvarint(dst, uint32(t-last-1))
				last = t
			}
		}
		prev, cur = cur, prev
	}
	s.prev, s.cur = prev, cur
	return appendRepeat(dst, repeat)
}

// appendRepeat appends the token that repeats the previous row r times,
// nothing when r is 0.
func appendRepeat(dst []byte, r int) []byte {
	if r == 0 {
		return dst
	}
	return appendUvarint(dst, uint32(2*r-1))
}

// decodeRows reads the token stream b of a w x h mask, which must describe
// exactly h rows and nothing after them, and writes the rows into pix,
// w*h bytes. With a nil pix it only checks the stream.
func decodeRows(pix []uint8, w, h int, b []byte, s *rowScratch) error {
	prev, cur := s.prev[:0], s.cur[:0]
	defer func() { s.prev, s.cur = prev, cur }()
	pos := 0
	for y := 0; y < h; {
		tok, ok := readUvarint(b, &pos)
		if !ok {
			return fmt.Errorf("row %d token at byte %d: %w", y, pos, ErrCorrupt)
		}
		if tok&1 == 1 {
			r := int(tok>>1) + 1
			if r > h-y {
				return fmt.Errorf("row %d repeats %d rows past height %d: %w", y, r, h, ErrCorrupt)
			}
			if pix != nil {
				repeatRows(pix, w, y, r)
			}
			y += r
			continue
		}
		var err error
		if tok == 0 {
			cur, err = readDeltaRow(cur[:0], prev, b, &pos, w)
		} else {
			cur, err = readAbsoluteRow(cur[:0], int(tok)-2, b, &pos, w)
		}
		if err != nil {
			return fmt.Errorf("row %d: %w", y, err)
		}
		if pix != nil {
			fillRow(pix[y*w:(y+1)*w], cur)
		}
		prev, cur = cur, prev
		y++
	}
	if pos != len(b) {
		return fmt.Errorf("%d bytes after the last row: %w", len(b)-pos, ErrCorrupt)
	}
	return nil
}

// readDeltaRow reads one zig-zag change per transition of prev.
func readDeltaRow(dst, prev []int32, b []byte, pos *int, w int) ([]int32, error) {
	last := int32(-1)
	for _, p := range prev {
		u, ok := readUvarint(b, pos)
		if !ok {
			return dst, fmt.Errorf("delta at byte %d: %w", *pos, ErrCorrupt)
		}
		t := p + unzigzag(u)
		if t <= last || int(t) > w {
			return dst, fmt.Errorf("transition %d after %d in width %d: %w", t, last, w, ErrCorrupt)
		}
		dst = append(dst, t)
		last = t
	}
	return dst, nil
}

// readAbsoluteRow reads n transitions coded as gaps.
func readAbsoluteRow(dst []int32, n int, b []byte, pos *int, w int) ([]int32, error) {
	if n > w+1 {
		return dst, fmt.Errorf("%d transitions in width %d: %w", n, w, ErrCorrupt)
	}
	last := int32(-1)
	for range n {
		u, ok := readUvarint(b, pos)
		if !ok {
			return dst, fmt.Errorf("gap at byte %d: %w", *pos, ErrCorrupt)
		}
		if int(u) >= w-int(last) {
			return dst, fmt.Errorf("gap %d after %d in width %d: %w", u, last, w, ErrCorrupt)
		}
		last += int32(u) + 1
		dst = append(dst, last)
	}
	return dst, nil
}

// insideRow is a source of inside bytes for fillRow.
var insideRow = func() []uint8 {
	r := make([]uint8, MaxWidth)
	for i := range r {
		r[i] = Inside
	}
	return r
}()

// fillRow writes a row from its transitions: outside before each start,
// inside from each start to its end, outside after the last end.
func fillRow(row []uint8, t []int32) {
	x := int32(0)
	for i := 0; i+1 < len(t); i += 2 {
		s, e := t[i], t[i+1]
		clear(row[x:s])
		copy(row[s:e], insideRow)
		x = e
	}
	clear(row[x:])
}

// repeatRows copies row y-1 of pix into the r rows from y on; row -1 is
// empty.
func repeatRows(pix []uint8, w, y, r int) {
	if y == 0 {
		clear(pix[:r*w])
		return
	}
	src := pix[(y-1)*w : y*w]
	for ; r > 0; r-- {
		copy(pix[y*w:(y+1)*w], src)
		y++
	}
}
