package meshcodec

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

func TestBlockRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	skewed := make([]byte, 3*chunkSize+17) // several chunks
	for i := range skewed {
		skewed[i] = byte(rng.ExpFloat64() * 3)
	}
	random := make([]byte, 5000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"one byte", []byte{7}},
		{"repeated", bytes.Repeat([]byte{3}, 1000)},
		{"short skewed", skewed[:300]},
		{"multi-chunk skewed", skewed},
		{"incompressible", random},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var w blockWriter
			enc := w.appendBlock([]byte{0xAA}, tc.data)
			var br blockReader
			r := reader{b: enc, pos: 1}
			got, err := br.readBlock(&r, nil, len(tc.data), "test")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) || r.left() != 0 {
				t.Fatalf("round trip changed the data (%d bytes left)", r.left())
			}
			if len(tc.data) > 0 {
				r = reader{b: enc, pos: 1}
				if _, err := br.readBlock(&r, nil, len(tc.data)-1, "test"); !errors.Is(err, ErrCorrupt) {
					t.Fatalf("over-long block: got %v, want ErrCorrupt", err)
				}
			}
		})
	}
}

func TestResiduals(t *testing.T) {
	t.Parallel()
	values := []int32{0, 1, -1, 2, -2, 126, -127, 127, -128, 1000, -70000, 131071}
	var streams [3 * numContexts][]byte
	var esc []byte
	for i, v := range values {
		appendResidual(&streams[i%3], &esc, v)
	}
	var bw blockWriter
	var data []byte
	for _, s := range streams {
		data = bw.appendBlock(data, s)
	}
	data = bw.appendBlock(data, esc)
	var rs residualStreams
	var br blockReader
	r := reader{b: data}
	if err := rs.read(&r, &br, len(values), 3*len(values), [2]string{"test", "test escapes"}); err != nil {
		t.Fatal(err)
	}
	for i, want := range values {
		got, err := rs.next(i % 3)
		if err != nil || got != want {
			t.Fatalf("value %d: got %d, %v, want %d", i, got, err, want)
		}
	}
	if !rs.consumed() {
		t.Fatal("values left over")
	}
	if _, err := rs.next(0); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("reading past the end: got %v", err)
	}
	if _, err := rs.next(5); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("reading an empty stream: got %v", err)
	}
	r = reader{b: data}
	if err := rs.read(&r, &br, len(values)-1, 3*len(values), [2]string{"test", "test escapes"}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("more values than allowed: got %v", err)
	}
}
