package maskcodec

import (
	"fmt"
	"sync"

	"github.com/klauspost/compress/huff0"
	"github.com/klauspost/compress/zstd"
)

// Decoder holds the buffers and entropy decoders that decoding reuses from
// one stream to the next. Its zero value is not usable; call NewDecoder. A
// Decoder is not safe for concurrent use; the package-level Decode and
// DecodeInto are.
type Decoder struct {
	zstd   *zstd.Decoder
	huff   huff0.Scratch
	rows   rowScratch
	tokens []byte
}

// NewDecoder returns a Decoder. Call Close when done with it.
func NewDecoder() (*Decoder, error) {
	z, err := newZstdDecoder()
	if err != nil {
		return nil, fmt.Errorf("new mask decoder: %w", err)
	}
	return &Decoder{zstd: z}, nil
}

// Close releases the Decoder's zstd decoder. The Decoder must not be used
// afterwards.
func (d *Decoder) Close() { d.zstd.Close() }

// Decode decodes a mask stream into a new Mask.
func (d *Decoder) Decode(data []byte) (*Mask, error) {
	m := &Mask{}
	if err := d.DecodeInto(m, data); err != nil {
		return nil, err
	}
	return m, nil
}

// DecodeInto decodes a mask stream into m, reusing m.Pix when its capacity
// is large enough. Inside pixels are set to Inside (255). The whole stream
// is checked before m is touched: on error, m is unchanged.
func (d *Decoder) DecodeInto(m *Mask, data []byte) error {
	if m == nil {
		return fmt.Errorf("decode mask into nil: %w", ErrInvalidMask)
	}
	h, n, err := parseHeader(data)
	if err != nil {
		return fmt.Errorf("decode mask: %w", err)
	}
	tokens := data[n:]
	if h.method != methodNone {
		if cap(d.tokens) < h.rawLen {
			d.tokens = make([]byte, 0, h.rawLen)
		}
		tokens, err = decompressEntropy(d.tokens[:0:h.rawLen], h.method, tokens, h.rawLen, d.zstd, &d.huff)
		if err != nil {
			return fmt.Errorf("decode %dx%d mask: %w", h.width, h.height, err)
		}
	}
	// Check every row before allocating or writing pixels, so that a
	// stream that lies about its size costs no pixel memory.
	if err := decodeRows(nil, h.width, h.height, tokens, &d.rows); err != nil {
		return fmt.Errorf("decode %dx%d mask: %w", h.width, h.height, err)
	}
	size := h.width * h.height
	if cap(m.Pix) < size {
		m.Pix = make([]uint8, size)
	}
	m.Width, m.Height, m.Pix = h.width, h.height, m.Pix[:size]
	if err := decodeRows(m.Pix, h.width, h.height, tokens, &d.rows); err != nil {
		// Unreachable: the stream passed the same checks above.
		return fmt.Errorf("decode %dx%d mask: %w", h.width, h.height, err)
	}
	return nil
}

// decoders holds idle Decoders for the package-level Decode and
// DecodeInto. A Decoder dropped by the pool holds no goroutine, so it
// needs no Close.
var decoders sync.Pool

// Decode decodes a mask stream into a new Mask. It draws a Decoder from a
// pool and is safe for concurrent use.
func Decode(data []byte) (*Mask, error) {
	m := &Mask{}
	if err := DecodeInto(m, data); err != nil {
		return nil, err
	}
	return m, nil
}

// DecodeInto decodes a mask stream into m, reusing m.Pix when its capacity
// is large enough. It draws a Decoder from a pool and is safe for
// concurrent use.
func DecodeInto(m *Mask, data []byte) error {
	d, ok := decoders.Get().(*Decoder)
	if !ok {
		var err error
		if d, err = NewDecoder(); err != nil {
			return err
		}
	}
	defer decoders.Put(d)
	return d.DecodeInto(m, data)
}
