package maskcodec

import "testing"

func TestUvarintRoundTrip(t *testing.T) {
	t.Parallel()
	for _, v := range []uint32{0, 1, 127, 128, 300, 16383, 16384, 1<<21 - 1} {
		b := appendUvarint(nil, v)
		pos := 0
		got, ok := readUvarint(b, &pos)
		if !ok || got != v || pos != len(b) {
			t.Errorf("%d: coded % x, read %d ok=%v pos=%d", v, b, got, ok, pos)
		}
	}
}

func TestReadUvarintRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"truncated", []byte{0x80}},
		{"truncated two", []byte{0xff, 0xff}},
		{"not minimal", []byte{0x81, 0x00}},
		{"four bytes", []byte{0x80, 0x80, 0x80, 0x01}},
	}
	for _, tc := range tests {
		pos := 0
		if v, ok := readUvarint(tc.b, &pos); ok {
			t.Errorf("%s: read % x as %d", tc.name, tc.b, v)
		}
	}
	pos := 0
	if v, ok := readUvarintN([]byte{0x80, 0x80, 0x80, 0x01}, &pos, maxLenVarintLen); !ok || v != 1<<21 {
		t.Errorf("4-byte length read as %d ok=%v, want %d", v, ok, 1<<21)
	}
}

func TestZigzag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d int32
		u uint32
	}{{0, 0}, {-1, 1}, {1, 2}, {-2, 3}, {8192, 16384}, {-8192, 16383}}
	for _, tc := range tests {
		if got := zigzag(tc.d); got != tc.u {
			t.Errorf("zigzag(%d) = %d, want %d", tc.d, got, tc.u)
		}
		if got := unzigzag(tc.u); got != tc.d {
			t.Errorf("unzigzag(%d) = %d, want %d", tc.u, got, tc.d)
		}
	}
}
