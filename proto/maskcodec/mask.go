package maskcodec

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Limits on the mask size; Encode refuses larger masks and Decode rejects
// streams that declare them, before allocating anything.
const (
	MaxWidth  = 8192
	MaxHeight = 8192
)

// Inside is the value decoded masks use for inside pixels.
const Inside = 255

// Mask is a binary image: Pix holds Width*Height bytes row-major, 0 for
// outside and any other value for inside. Decoded masks use Inside (255).
type Mask struct {
	Width, Height int
	Pix           []uint8
}

// New returns an all-outside mask of the given size. It panics on a
// negative size, like make.
func New(w, h int) *Mask {
	return &Mask{Width: w, Height: h, Pix: make([]uint8, w*h)}
}

// At reports whether the pixel at (x, y) is inside. Pixels outside the
// mask's bounds are outside.
func (m *Mask) At(x, y int) bool {
	if x < 0 || y < 0 || x >= m.Width || y >= m.Height {
		return false
	}
	return m.Pix[y*m.Width+x] != 0
}

// Count returns the number of inside pixels.
func (m *Mask) Count() int {
	p := m.Pix
	n := 0
	for len(p) >= 8 {
		w := binary.LittleEndian.Uint64(p)
		// Fold every byte to its low bit: 1 when the byte is non-zero.
		w |= w >> 4
		w |= w >> 2
		w |= w >> 1
		n += bits.OnesCount64(w & 0x0101010101010101)
		p = p[8:]
	}
	for _, v := range p {
		if v != 0 {
			n++
		}
	}
	return n
}

// validate checks that the mask can be encoded.
func (m *Mask) validate() error {
	if m == nil {
		return fmt.Errorf("nil mask: %w", ErrInvalidMask)
	}
	if m.Width < 0 || m.Height < 0 {
		return fmt.Errorf("size %dx%d: %w", m.Width, m.Height, ErrInvalidMask)
	}
	if m.Width > MaxWidth || m.Height > MaxHeight {
		return fmt.Errorf("size %dx%d, limit %dx%d: %w", m.Width, m.Height, MaxWidth, MaxHeight, ErrTooLarge)
	}
	if len(m.Pix) != m.Width*m.Height {
		return fmt.Errorf("%d pixel bytes for %dx%d: %w", len(m.Pix), m.Width, m.Height, ErrInvalidMask)
	}
	return nil
}
