package meshcodec

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func validHeader() Header {
	return Header{Version: FormatVersion, Flags: FlagColors, VertexCount: 10, TriangleCount: 12,
		PositionBits: 11, ColorBits: 6, BoundsMin: [3]float32{-1, 0, -1}, BoundsMax: [3]float32{1, 2, 1}}
}

func TestReadHeader(t *testing.T) {
	t.Parallel()
	good := validHeader().appendTo(nil)
	with := func(f func(h *Header)) []byte {
		h := validHeader()
		f(&h)
		return h.appendTo(nil)
	}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"valid", good, nil},
		{"empty", nil, ErrCorrupt},
		{"bad magic", append([]byte("XMSH"), good[4:]...), ErrCorrupt},
		{"truncated", good[:headerSize-1], ErrCorrupt},
		{"newer version", with(func(h *Header) { h.Version = FormatVersion + 1 }), ErrVersion},
		{"newer version truncated", with(func(h *Header) { h.Version = FormatVersion + 1 })[:5], ErrVersion},
		{"version 0", with(func(h *Header) { h.Version = 0 }), ErrCorrupt},
		{"unknown flag", with(func(h *Header) { h.Flags |= 0x80 }), ErrCorrupt},
		{"position bits 9", with(func(h *Header) { h.PositionBits = 9 }), ErrCorrupt},
		{"position bits 17", with(func(h *Header) { h.PositionBits = 17 }), ErrCorrupt},
		{"colour bits 9", with(func(h *Header) { h.ColorBits = 9 }), ErrCorrupt},
		{"colour bits without colours", with(func(h *Header) { h.Flags = 0 }), ErrCorrupt},
		{"NaN bound", with(func(h *Header) { h.BoundsMin[1] = float32(math.NaN()) }), ErrCorrupt},
		{"inverted bounds", with(func(h *Header) { h.BoundsMin[0] = 2 }), ErrCorrupt},
		{"triangles without vertices", with(func(h *Header) { h.VertexCount = 0 }), ErrCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, err := ReadHeader(tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if tc.want == nil && h != validHeader() {
				t.Fatalf("got %+v, want %+v", h, validHeader())
			}
		})
	}
}

func TestVersionMessage(t *testing.T) {
	t.Parallel()
	data := checkRoundTrip(t, tetrahedron(), Options{})
	data[4] = FormatVersion + 1
	err := NewDecoder(Limits{}).Decode(data, new(meshT))
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("got %v, want ErrVersion", err)
	}
	if want := "mesh stream format version 3 is newer than this decoder (2): update booth-render"; !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q lacks %q", err, want)
	}
}

// TestOlderVersionRefused checks that a stream of format version 1, which
// this decoder no longer reads, is refused with a clear ErrVersion.
func TestOlderVersionRefused(t *testing.T) {
	t.Parallel()
	data := checkRoundTrip(t, tetrahedron(), Options{})
	data[4] = 1
	err := NewDecoder(Limits{}).Decode(data, new(meshT))
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("got %v, want ErrVersion", err)
	}
	if want := "mesh stream format version 1 is older than this decoder's (2)"; !strings.Contains(err.Error(), want) {
		t.Fatalf("message %q lacks %q", err, want)
	}
}
