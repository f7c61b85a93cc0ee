package maskcodec

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"cloudme.dev/proto/internal/testmask"
)

// sameInside reports the first pixel where a and b disagree on inside-ness.
func sameInside(t *testing.T, got, want *Mask) {
	t.Helper()
	if got.Width != want.Width || got.Height != want.Height || len(got.Pix) != len(want.Pix) {
		t.Fatalf("decoded %dx%d (%d bytes), want %dx%d", got.Width, got.Height, len(got.Pix), want.Width, want.Height)
	}
	for i, v := range got.Pix {
		if v != 0 && v != Inside {
			t.Fatalf("pixel (%d, %d) decoded as %d, want 0 or %d", i%got.Width, i/got.Width, v, Inside)
		}
		if (v != 0) != (want.Pix[i] != 0) {
			t.Fatalf("pixel (%d, %d) decoded as %d, want inside=%v", i%got.Width, i/got.Width, v, want.Pix[i] != 0)
		}
	}
}

func mask(w, h int, pix []uint8) *Mask { return &Mask{Width: w, Height: h, Pix: pix} }

func full(w, h int) *Mask {
	m := New(w, h)
	for i := range m.Pix {
		m.Pix[i] = 255
	}
	return m
}

// rect returns a w x h mask inside on the rectangle [x0,x1) x [y0,y1).
func rect(w, h, x0, y0, x1, y1 int) *Mask {
	m := New(w, h)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			m.Pix[y*w+x] = 255
		}
	}
	return m
}

// roundTripCases are the masks every round-trip test covers.
func roundTripCases() []struct {
	name string
	m    *Mask
} {
	person := testmask.Person(1920, 1080)
	box, _ := testmask.Bounds(person, 1920, 1080)
	ones := testmask.Person(640, 480)
	for i, v := range ones {
		if v != 0 {
			ones[i] = 1
		}
	}
	return []struct {
		name string
		m    *Mask
	}{
		{"0x0", New(0, 0)},
		{"0x5", New(0, 5)},
		{"5x0", New(5, 0)},
		{"1x1 outside", New(1, 1)},
		{"1x1 inside", full(1, 1)},
		{"1xN", mask(1, 37, testmask.Noise(1, 37, 0.5, 3))},
		{"Nx1", mask(37, 1, testmask.Noise(37, 1, 0.5, 4))},
		{"empty 1920x1080", New(1920, 1080)},
		{"full 1920x1080", full(1920, 1080)},
		{"checkerboard 640x480", mask(640, 480, testmask.Checkerboard(640, 480))},
		{"checkerboard 1x9", mask(1, 9, testmask.Checkerboard(1, 9))},
		{"noise 300x200", mask(300, 200, testmask.Noise(300, 200, 0.5, 5))},
		{"sparse noise 1921x1079", mask(1921, 1079, testmask.Noise(1921, 1079, 0.001, 6))},
		{"person 1920x1080", mask(1920, 1080, person)},
		{"person crop", mask(box.MaxX-box.MinX, box.MaxY-box.MinY, testmask.Crop(person, 1920, box))},
		{"person 1921x1079", mask(1921, 1079, testmask.Person(1921, 1079))},
		{"person inside value 1", mask(640, 480, ones)},
		{"widest", full(MaxWidth, 2)},
		{"rectangle", rect(300, 200, 20, 30, 250, 150)},
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range roundTripCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := Encode(nil, tc.m)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			got, err := Decode(b)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			sameInside(t, got, tc.m)
			if got.Count() != tc.m.Count() {
				t.Errorf("Count() = %d, want %d", got.Count(), tc.m.Count())
			}
		})
	}
}

func TestEncodeSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		m        *Mask
		maxBytes int
		method   method
	}{
		{"empty 1920x1080", New(1920, 1080), 12, methodNone},
		{"full 1920x1080", full(1920, 1080), 16, methodNone},
		{"person 1920x1080", mask(1920, 1080, testmask.Person(1920, 1080)), 2048, methodZstd},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := Encode(nil, tc.m)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > tc.maxBytes {
				t.Errorf("%d bytes, want at most %d", len(b), tc.maxBytes)
			}
			if got := method(b[3] & methodMask); got != tc.method {
				t.Errorf("entropy method %d, want %d", got, tc.method)
			}
		})
	}
}

func TestEncodeAppends(t *testing.T) {
	t.Parallel()
	m := mask(64, 48, testmask.Person(64, 48))
	alone, err := Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	prefix := []byte("prefix")
	b, err := Encode(prefix, m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b[:6], []byte("prefix")) || !bytes.Equal(b[6:], alone) {
		t.Errorf("Encode(prefix) = % x, want prefix then % x", b, alone)
	}
}

// TestEncoderReuse checks that an Encoder and a Decoder give the same
// results when reused across masks of different sizes and methods.
func TestEncoderReuse(t *testing.T) {
	t.Parallel()
	e, err := NewEncoder()
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDecoder()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var buf []byte
	out := &Mask{}
	for _, tc := range roundTripCases() {
		buf, err = e.Encode(buf[:0], tc.m)
		if err != nil {
			t.Fatalf("%s: Encode: %v", tc.name, err)
		}
		fresh, err := Encode(nil, tc.m)
		if err != nil || !bytes.Equal(buf, fresh) {
			t.Fatalf("%s: reused Encoder gives % x, a fresh one % x (%v)", tc.name, buf, fresh, err)
		}
		if err := d.DecodeInto(out, buf); err != nil {
			t.Fatalf("%s: DecodeInto: %v", tc.name, err)
		}
		sameInside(t, out, tc.m)
	}
}

func TestDecodeIntoReusesPix(t *testing.T) {
	t.Parallel()
	b, err := Encode(nil, mask(40, 30, testmask.Person(40, 30)))
	if err != nil {
		t.Fatal(err)
	}
	backing := make([]uint8, 5000)
	for i := range backing {
		backing[i] = 7
	}
	m := &Mask{Pix: backing}
	if err := DecodeInto(m, b); err != nil {
		t.Fatal(err)
	}
	if &m.Pix[0] != &backing[0] || len(m.Pix) != 40*30 {
		t.Errorf("DecodeInto did not reuse a large enough Pix (len %d)", len(m.Pix))
	}
	sameInside(t, m, mask(40, 30, testmask.Person(40, 30)))
}

func TestDecodeErrorLeavesMaskUnchanged(t *testing.T) {
	t.Parallel()
	b, err := Encode(nil, mask(40, 30, testmask.Person(40, 30)))
	if err != nil {
		t.Fatal(err)
	}
	m := mask(3, 2, []uint8{1, 2, 3, 4, 5, 6})
	if err := DecodeInto(m, b[:len(b)-1]); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("error = %v, want ErrCorrupt", err)
	}
	if m.Width != 3 || m.Height != 2 || !bytes.Equal(m.Pix, []uint8{1, 2, 3, 4, 5, 6}) {
		t.Errorf("mask changed to %dx%d % x", m.Width, m.Height, m.Pix)
	}
	if err := DecodeInto(nil, b); !errors.Is(err, ErrInvalidMask) {
		t.Errorf("DecodeInto(nil) error = %v, want ErrInvalidMask", err)
	}
}

// TestTruncations decodes every strict prefix of valid streams, one for
// each entropy method: each must fail with ErrCorrupt.
func TestTruncations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		m      *Mask
		method method
	}{
		{"none", rect(300, 200, 20, 30, 250, 150), methodNone},
		{"zstd", mask(1920, 1080, testmask.Person(1920, 1080)), methodZstd},
		{"huff0", mask(200, 100, testmask.Noise(200, 100, 0.3, 8)), methodHuff0},
		{"checkerboard", mask(64, 64, testmask.Checkerboard(64, 64)), methodZstd},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := Encode(nil, tc.m)
			if err != nil {
				t.Fatal(err)
			}
			if got := method(b[3] & methodMask); got != tc.method {
				t.Fatalf("case codes with method %d, want %d", got, tc.method)
			}
			d, err := NewDecoder()
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			m := &Mask{}
			for n := range len(b) {
				if err := d.DecodeInto(m, b[:n]); !errors.Is(err, ErrCorrupt) {
					t.Fatalf("prefix of %d of %d bytes: error = %v, want ErrCorrupt", n, len(b), err)
				}
			}
			if err := d.DecodeInto(m, append(b, 0)); !errors.Is(err, ErrCorrupt) {
				t.Errorf("trailing byte: error = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestDecodeVersion(t *testing.T) {
	t.Parallel()
	b, err := Encode(nil, mask(64, 48, testmask.Person(64, 48)))
	if err != nil {
		t.Fatal(err)
	}
	b[2] = Version + 1
	_, err = Decode(b)
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("error = %v, want ErrVersion", err)
	}
	want := fmt.Sprintf("mask format version %d is newer than this decoder (%d)", Version+1, Version)
	if !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Errorf("error %q does not say %q", err, want)
	}
}

// TestDecodeHugeSizeDoesNotAllocate declares sizes beyond the limits, and
// the largest allowed size with a payload that lies about it: neither may
// allocate pixel memory. It is not parallel, so that the allocation
// counter sees only its own work.
func TestDecodeHugeSizeDoesNotAllocate(t *testing.T) {
	big := func(w, h uint32, method byte, rest ...byte) []byte {
		b := []byte{'M', 'k', Version, method}
		b = appendUvarint(b, w)
		b = appendUvarint(b, h)
		return append(b, rest...)
	}
	tests := []struct {
		name string
		b    []byte
		want error
	}{
		{"width beyond limit", big(1<<20, 1, 0), ErrTooLarge},
		{"both beyond limit", big(1<<20, 1<<20, 0), ErrTooLarge},
		{"limit with one repeat token", big(MaxWidth, MaxHeight, 0, 1), ErrCorrupt},
		{"limit with a lying zstd length", big(MaxWidth, MaxHeight, 1, 0x80, 0x80, 0x80, 0x01, 0x28, 0xb5, 0x2f, 0xfd), ErrCorrupt},
	}
	d, err := NewDecoder()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	m := &Mask{}
	for _, tc := range tests {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := d.DecodeInto(m, tc.b)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error = %v, want %v", tc.name, err, tc.want)
		}
		// The zstd case may allocate its declared token buffer (at most
		// 3 bytes per pixel, here 2 MiB) but never the 64 MiB of pixels.
		if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
			t.Errorf("%s: allocated %d bytes", tc.name, n)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	cases := roundTripCases()[10:16]
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(cases))
	for range 4 {
		for _, tc := range cases {
			wg.Go(func() {
				b, err := Encode(nil, tc.m)
				if err != nil {
					errs <- err
					return
				}
				got, err := Decode(b)
				if err != nil {
					errs <- err
					return
				}
				if got.Count() != tc.m.Count() {
					errs <- fmt.Errorf("%s: %d inside, want %d", tc.name, got.Count(), tc.m.Count())
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
