package maskcodec

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to the decoder: it must return an error
// or a mask that re-encodes to an equal mask, never panic.
func FuzzDecode(f *testing.F) {
	for _, tc := range roundTripCases() {
		if len(tc.m.Pix) > 1<<20 {
			continue
		}
		b, err := Encode(nil, tc.m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	d, err := NewDecoder()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := &Mask{}
		if err := d.DecodeInto(m, data); err != nil {
			return
		}
		if len(m.Pix) != m.Width*m.Height {
			t.Fatalf("%dx%d mask with %d bytes", m.Width, m.Height, len(m.Pix))
		}
		b, err := Encode(nil, m)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		again, err := Decode(b)
		if err != nil {
			t.Fatalf("decode of re-encoded stream: %v", err)
		}
		if again.Width != m.Width || again.Height != m.Height || !bytes.Equal(again.Pix, m.Pix) {
			t.Fatalf("re-encoded mask differs")
		}
	})
}

// FuzzRoundTrip turns bytes into a mask: the first two bytes give its size,
// the rest its pixels (repeated to fill it, all outside when there are
// none). Encoding then decoding must give the same inside pixels.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{0, 0})
	f.Add([]byte{8, 8, 0, 255, 0, 255, 255, 0, 0, 0, 1})
	f.Add([]byte{200, 3, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0})
	f.Add([]byte{255, 255, 0x80, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		w, h := int(data[0]), int(data[1])
		src := data[2:]
		m := New(w, h)
		if len(src) > 0 {
			for i := range m.Pix {
				m.Pix[i] = src[i%len(src)]
			}
		}
		b, err := Encode(nil, m)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		sameInside(t, got, m)
	})
}
