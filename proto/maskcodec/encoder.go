package maskcodec

import (
	"fmt"
	"sync"

	"github.com/klauspost/compress/huff0"
	"github.com/klauspost/compress/zstd"
)

// Encoder holds the buffers and entropy coders that encoding reuses from
// one mask to the next. Its zero value is not usable; call NewEncoder. An
// Encoder is not safe for concurrent use; the package-level Encode is.
type Encoder struct {
	zstd   *zstd.Encoder
	huff   huff0.Scratch
	rows   rowScratch
	tokens []byte
	zbuf   []byte
}

// NewEncoder returns an Encoder.
func NewEncoder() (*Encoder, error) {
	z, err := newZstdEncoder()
	if err != nil {
		return nil, fmt.Errorf("new mask encoder: %w", err)
	}
	return &Encoder{zstd: z}, nil
}

// Encode appends the coded form of m to dst (which may be nil) and returns
// the extended slice. Pass the previous result's [:0] to reuse its memory.
func (e *Encoder) Encode(dst []byte, m *Mask) ([]byte, error) {
	if err := m.validate(); err != nil {
		return dst, fmt.Errorf("encode mask: %w", err)
	}
	e.tokens = appendRows(e.tokens[:0], m, &e.rows)
	h := header{width: m.Width, height: m.Height, rawLen: len(e.tokens)}
	payload := e.tokens
	if len(e.tokens) >= minEntropyInput {
		// Each candidate must beat the plain tokens including the
		// token length that the header then carries.
		best := len(e.tokens) - len(appendUvarint(nil, uint32(len(e.tokens))))
		if hc := compressHuff0(e.tokens, &e.huff); hc != nil && len(hc) < best {
			h.method, payload, best = methodHuff0, hc, len(hc)
		}
		e.zbuf = e.zstd.EncodeAll(e.tokens, e.zbuf[:0])
		if len(e.zbuf) < best {
			h.method, payload = methodZstd, e.zbuf
		}
	}
	dst = appendHeader(dst, h)
	return append(dst, payload...), nil
}

// encoders holds idle Encoders for the package-level Encode.
var encoders sync.Pool

// Encode appends the coded form of m to dst (which may be nil) and returns
// the extended slice. It draws an Encoder from a pool and is safe for
// concurrent use.
func Encode(dst []byte, m *Mask) ([]byte, error) {
	e, ok := encoders.Get().(*Encoder)
	if !ok {
		var err error
		if e, err = NewEncoder(); err != nil {
			return dst, err
		}
	}
	defer encoders.Put(e)
	return e.Encode(dst, m)
}
