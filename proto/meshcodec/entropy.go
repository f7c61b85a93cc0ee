package meshcodec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/klauspost/compress/huff0"
)

// A block is one byte stream, entropy coded: uvarint raw length, then chunks
// of at most chunkSize raw bytes, each a mode byte and its payload.
const chunkSize = 1 << 17

const (
	modeRaw   = 0 // raw bytes follow
	modeRLE   = 1 // one byte, repeated
	modeHuff4 = 2 // uvarint length, huff0 table and 4 streams
	modeHuff1 = 3 // uvarint length, huff0 table and 1 stream
)

// huff4Min is the chunk size from which 4 interleaved streams pay off.
const huff4Min = 2048

type blockWriter struct {
	s huff0.Scratch
}

func (w *blockWriter) appendBlock(dst, src []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(src)))
	for len(src) > 0 {
		chunk := src[:min(len(src), chunkSize)]
		src = src[len(chunk):]
		w.s.Reuse = huff0.ReusePolicyNone
		mode := byte(modeHuff1)
		var out []byte
		var err error
		if len(chunk) >= huff4Min {
			mode = modeHuff4
			out, _, err = huff0.Compress4X(chunk, &w.s)
		} else {
			out, _, err = huff0.Compress1X(chunk, &w.s)
		}
		switch {
		case errors.Is(err, huff0.ErrUseRLE):
			dst = append(dst, modeRLE, chunk[0])
		case err != nil || len(out) >= len(chunk):
			dst = append(dst, modeRaw)
			dst = append(dst, chunk...)
		default:
			dst = append(dst, mode)
			dst = binary.AppendUvarint(dst, uint64(len(out)))
			dst = append(dst, out...)
		}
	}
	return dst
}

type blockReader struct {
	s   huff0.Scratch
	out []byte // huff0's output buffer, kept at the largest chunk seen
}

// readBlock decodes one block from r and appends it to dst; the raw length
// must not exceed maxLen.
func (br *blockReader) readBlock(r *reader, dst []byte, maxLen int, name string) ([]byte, error) {
	n, err := r.uvarint()
	if err != nil {
		return dst, fmt.Errorf("%s length: %w", name, err)
	}
	if n > uint64(maxLen) {
		return dst, fmt.Errorf("%w: %s stream of %d bytes, at most %d expected", ErrCorrupt, name, n, maxLen)
	}
	dst = slices.Grow(dst, int(n))
	for left := int(n); left > 0; {
		size := min(left, chunkSize)
		left -= size
		mode, err := r.byte()
		if err != nil {
			return dst, fmt.Errorf("%s: %w", name, err)
		}
		switch mode {
		case modeRaw:
			b, err := r.bytes(size)
			if err != nil {
				return dst, fmt.Errorf("%s: %w", name, err)
			}
			dst = append(dst, b...)
		case modeRLE:
			c, err := r.byte()
			if err != nil {
				return dst, fmt.Errorf("%s: %w", name, err)
			}
			for i := 0; i < size; i++ {
				dst = append(dst, c)
			}
		case modeHuff1, modeHuff4:
			clen, err := r.uvarint()
			if err != nil {
				return dst, fmt.Errorf("%s: %w", name, err)
			}
			if clen > uint64(r.left()) {
				return dst, fmt.Errorf("%w: %s chunk of %d bytes past the end", ErrCorrupt, name, clen)
			}
			comp, _ := r.bytes(int(clen))
			s, rest, err := huff0.ReadTable(comp, &br.s)
			if err != nil {
				return dst, fmt.Errorf("%w: %s table: %v", ErrCorrupt, name, err)
			}
			s.MaxDecodedSize = size
			// huff0 shrinks Out's capacity to each chunk's size, so a
			// larger chunk after a smaller one would allocate: hand it
			// back the full buffer every time.
			br.out = grow(br.out, size)
			s.Out = br.out
			var out []byte
			if mode == modeHuff4 {
				out, err = s.Decompress4X(rest, size)
			} else {
				out, err = s.Decompress1X(rest)
			}
			if err != nil {
				return dst, fmt.Errorf("%w: %s: %v", ErrCorrupt, name, err)
			}
			if len(out) != size {
				return dst, fmt.Errorf("%w: %s chunk decodes to %d bytes, want %d", ErrCorrupt, name, len(out), size)
			}
			dst = append(dst, out...)
		default:
			return dst, fmt.Errorf("%w: %s chunk mode %d", ErrCorrupt, name, mode)
		}
	}
	return dst, nil
}

// skipBlocks moves r past n blocks, reading only their framing: lengths,
// chunk modes and sizes.
func skipBlocks(r *reader, n int) error {
	for range n {
		size, err := r.uvarint()
		if err != nil {
			return err
		}
		// Every chunk takes at least its mode byte, so a hostile size
		// ends the loop when the data does.
		for left := size; left > 0; {
			chunk := min(left, chunkSize)
			left -= chunk
			mode, err := r.byte()
			if err != nil {
				return err
			}
			switch mode {
			case modeRaw:
				_, err = r.bytes(int(chunk))
			case modeRLE:
				_, err = r.byte()
			case modeHuff1, modeHuff4:
				var clen uint64
				if clen, err = r.uvarint(); err == nil {
					if clen > uint64(r.left()) {
						return fmt.Errorf("%w: chunk of %d bytes past the end", ErrCorrupt, clen)
					}
					_, err = r.bytes(int(clen))
				}
			default:
				err = fmt.Errorf("%w: chunk mode %d", ErrCorrupt, mode)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// grow returns b resliced to n, reallocating only when its capacity is short.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}
