package maskcodec

import "fmt"

// Version is the format version this package writes and the newest it
// reads.
const Version = 1

var magic = [2]byte{'M', 'k'}

// method is the entropy stage applied to the token stream.
type method uint8

const (
	methodNone  method = 0
	methodZstd  method = 1
	methodHuff0 method = 2
	methodMask         = 0x03
)

// header is the part of a stream before the payload.
type header struct {
	method        method
	width, height int
	rawLen        int // token stream length; present when method != methodNone
}

// appendHeader appends h in wire form.
func appendHeader(dst []byte, h header) []byte {
	dst = append(dst, magic[0], magic[1], Version, byte(h.method))
	dst = appendUvarint(dst, uint32(h.width))
	dst = appendUvarint(dst, uint32(h.height))
	if h.method != methodNone {
		dst = appendUvarint(dst, uint32(h.rawLen))
	}
	return dst
}

// maxTokens bounds the token stream of a w x h mask: per row a 3-byte row
// token and at most w+1 transitions of at most 3 bytes each.
func maxTokens(w, h int) int { return h * maxVarintLen * (w + 2) }

// parseHeader reads the header at the start of b and returns it with the
// offset of the payload. It checks the size limits before anything is
// allocated.
func parseHeader(b []byte) (header, int, error) {
	var h header
	if len(b) < 4 {
		return h, 0, fmt.Errorf("%d-byte stream, header needs at least 4: %w", len(b), ErrCorrupt)
	}
	if b[0] != magic[0] || b[1] != magic[1] {
		return h, 0, fmt.Errorf("magic %#x %#x: %w", b[0], b[1], ErrCorrupt)
	}
	switch v := b[2]; {
	case v > Version:
		return h, 0, fmt.Errorf("mask format version %d is newer than this decoder (%d): %w", v, Version, ErrVersion)
	case v < 1:
		return h, 0, fmt.Errorf("mask format version %d: %w", v, ErrCorrupt)
	}
	flags := b[3]
	h.method = method(flags & methodMask)
	if flags&^methodMask != 0 || h.method > methodHuff0 {
		return h, 0, fmt.Errorf("flags %#x: %w", flags, ErrCorrupt)
	}
	pos := 4
	w, ok1 := readUvarint(b, &pos)
	hh, ok2 := readUvarint(b, &pos)
	if !ok1 || !ok2 {
		return h, 0, fmt.Errorf("mask size at byte %d: %w", pos, ErrCorrupt)
	}
	if w > MaxWidth || hh > MaxHeight {
		return h, 0, fmt.Errorf("declared size %dx%d, limit %dx%d: %w", w, hh, MaxWidth, MaxHeight, ErrTooLarge)
	}
	h.width, h.height = int(w), int(hh)
	if h.method == methodNone {
		return h, pos, nil
	}
	n, ok := readUvarintN(b, &pos, maxLenVarintLen)
	if !ok {
		return h, 0, fmt.Errorf("token length at byte %d: %w", pos, ErrCorrupt)
	}
	if int(n) > maxTokens(h.width, h.height) {
		return h, 0, fmt.Errorf("%d token bytes for %dx%d: %w", n, w, hh, ErrCorrupt)
	}
	h.rawLen = int(n)
	return h, pos, nil
}
