package maskcodec

import (
	"encoding/binary"
	"math/bits"
)

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// appendTransitions appends the x positions where row changes between
// outside (0) and inside (non-zero), starting outside: the start and the
// exclusive end of every inside run. The count is always even; a run that
// reaches the end of the row ends at len(row).
func appendTransitions(dst []int32, row []uint8) []int32 {
	x := nextInside(row, 0)
	for x < len(row) {
		end := nextOutside(row, x)
		dst = append(dst, int32(x), int32(end))
		x = nextInside(row, end)
	}
	return dst
}

// nextInside returns the index of the first non-zero byte of row at or
// after x, or len(row). It skips all-zero 32-byte blocks, then 8-byte
// words.
func nextInside(row []uint8, x int) int {
	for ; x+32 <= len(row); x += 32 {
		b := row[x : x+32]
		if binary.LittleEndian.Uint64(b)|binary.LittleEndian.Uint64(b[8:])|
			binary.LittleEndian.Uint64(b[16:])|binary.LittleEndian.Uint64(b[24:]) != 0 {
			break
		}
	}
	for ; x+8 <= len(row); x += 8 {
		if w := binary.LittleEndian.Uint64(row[x:]); w != 0 {
			return x + bits.TrailingZeros64(w)>>3
		}
	}
	for ; x < len(row); x++ {
		if row[x] != 0 {
			return x
		}
	}
	return x
}

// nextOutside returns the index of the first zero byte of row at or after
// x, or len(row). It skips 32-byte blocks, then 8-byte words, without a
// zero byte: the lowest set bit of (w - lsb) &^ w & msb marks the first
// zero byte of w exactly.
func nextOutside(row []uint8, x int) int {
	for ; x+32 <= len(row); x += 32 {
		b := row[x : x+32]
		w0, w1 := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		w2, w3 := binary.LittleEndian.Uint64(b[16:]), binary.LittleEndian.Uint64(b[24:])
		if ((w0-lsb)&^w0|(w1-lsb)&^w1|(w2-lsb)&^w2|(w3-lsb)&^w3)&msb != 0 {
			break
		}
	}
	for ; x+8 <= len(row); x += 8 {
		w := binary.LittleEndian.Uint64(row[x:])
		if z := (w - lsb) &^ w & msb; z != 0 {
			return x + bits.TrailingZeros64(z)>>3
		}
	}
	for ; x < len(row); x++ {
		if row[x] == 0 {
			return x
		}
	}
	return x
}
