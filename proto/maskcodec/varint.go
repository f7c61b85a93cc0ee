package maskcodec

// maxVarintLen is the longest uvarint a token stream may hold: every
// value it carries (a coordinate, a repeat count, a row token) is below
// 1<<21. The header's token length may take maxLenVarintLen bytes.
const (
	maxVarintLen    = 3
	maxLenVarintLen = 4
)

// appendUvarint appends v as a little-endian base-128 varint.
func appendUvarint(dst []byte, v uint32) []byte {
	for v >= 0x80 {
		dst = append(dst, byte(v)|0x80)
		v >>= 7
	}
	return append(dst, byte(v))
}

// readUvarint reads a minimal uvarint of at most maxVarintLen bytes from
// b at *pos and advances *pos. ok is false for a truncated, overlong or
// non-minimal varint.
func readUvarint(b []byte, pos *int) (v uint32, ok bool) {
	return readUvarintN(b, pos, maxVarintLen)
}

// readUvarintN is readUvarint with a limit of n bytes, n <= 4.
func readUvarintN(b []byte, pos *int, n int) (v uint32, ok bool) {
	p := *pos
	for i := range n {
		if p+i >= len(b) {
			return 0, false
		}
		c := b[p+i]
		v |= uint32(c&0x7f) << (7 * i)
		if c < 0x80 {
			if c == 0 && i > 0 {
				return 0, false // a zero high byte: not minimal
			}
			*pos = p + i + 1
			return v, true
		}
	}
	return 0, false
}

// zigzag maps a signed delta to an unsigned one: 0, -1, 1, -2 ... to
// 0, 1, 2, 3 ...
func zigzag(d int32) uint32 { return uint32(d<<1) ^ uint32(d>>31) }

// unzigzag inverts zigzag.
func unzigzag(u uint32) int32 { return int32(u>>1) ^ -int32(u&1) }
