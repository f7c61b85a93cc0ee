package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand"
	"testing"
)

func chunks(t *testing.T, id uint32, msg []byte, payload int) [][]byte {
	t.Helper()
	var out [][]byte
	if err := Split(id, msg, payload, func(c []byte) error {
		out = append(out, append([]byte(nil), c...))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSplitReassemble(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 99, 100, 101, 1000, 65536, 300_001} {
		msg := make([]byte, n)
		rng.Read(msg)
		cs := chunks(t, 7, msg, 100)
		for _, c := range cs {
			if len(c) > ChunkHeaderSize+100 {
				t.Fatalf("%d bytes: chunk of %d", n, len(c))
			}
		}
		// Deliver in a random order: the message completes exactly once.
		rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		r := NewReassembler(1<<20, 2)
		var got []byte
		for i, c := range cs {
			m, err := r.Push(c)
			if err != nil {
				t.Fatal(err)
			}
			if m != nil {
				if i != len(cs)-1 {
					t.Fatalf("%d bytes: completed after %d of %d chunks", n, i+1, len(cs))
				}
				got = m
			}
		}
		if got == nil || !bytes.Equal(got, msg) {
			t.Fatalf("%d bytes: reassembly differs", n)
		}
	}
}

func TestLatestWins(t *testing.T) {
	t.Parallel()
	msg := bytes.Repeat([]byte("x"), 250)
	a, b, c := chunks(t, 1, msg, 100), chunks(t, 2, msg, 100), chunks(t, 3, msg, 100)
	r := NewReassembler(1<<20, 2)
	push := func(ch []byte) []byte {
		m, err := r.Push(ch)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	push(a[0]) // message 1 loses its other chunks
	push(b[0])
	push(b[1])
	if push(b[2]) == nil {
		t.Fatal("message 2 did not complete")
	}
	// Message 1 is superseded; its late chunks are stale.
	if push(a[1]) != nil || push(a[2]) != nil {
		t.Fatal("stale message completed")
	}
	// A duplicate of a completed message's chunk is stale too.
	if push(b[2]) != nil {
		t.Fatal("duplicate completed twice")
	}
	for _, ch := range c {
		push(ch)
	}
	s := r.Stats()
	if s.Completed != 2 || s.Superseded != 1 || s.Stale != 3 {
		t.Fatalf("stats %+v", s)
	}
}

func TestFullReassemblerDropsOldest(t *testing.T) {
	t.Parallel()
	msg := bytes.Repeat([]byte("y"), 200)
	r := NewReassembler(1<<20, 2)
	var all [][][]byte
	for id := uint32(10); id < 13; id++ {
		cs := chunks(t, id, msg, 100)
		all = append(all, cs)
		if _, err := r.Push(cs[0]); err != nil {
			t.Fatal(err)
		}
	}
	// 10 was dropped when 12 opened; 11 and 12 still complete.
	if m, _ := r.Push(all[0][1]); m != nil {
		t.Fatal("dropped message completed")
	}
	if m, _ := r.Push(all[1][1]); m == nil {
		t.Fatal("message 11 did not complete")
	}
	if m, _ := r.Push(all[2][1]); m == nil {
		t.Fatal("message 12 did not complete")
	}
	// An old message that arrives when full of newer ones is not kept.
	r2 := NewReassembler(1<<20, 1)
	r2.Push(chunks(t, 50, msg, 100)[0])
	if m, _ := r2.Push(chunks(t, 40, msg, 100)[0]); m != nil {
		t.Fatal("older message displaced newer")
	}
	if m, _ := r2.Push(chunks(t, 50, msg, 100)[1]); m == nil {
		t.Fatal("newer message lost")
	}
}

func TestIDWrapAround(t *testing.T) {
	t.Parallel()
	r := NewReassembler(1<<20, 2)
	for _, id := range []uint32{0xfffffffe, 0xffffffff, 0, 1} {
		if m, err := r.Push(chunks(t, id, []byte("hi"), 100)[0]); err != nil || m == nil {
			t.Fatalf("id %#x: %v %v", id, m, err)
		}
	}
	if m, _ := r.Push(chunks(t, 0xffffffff, []byte("hi"), 100)[0]); m != nil {
		t.Fatal("pre-wrap message accepted after wrap")
	}
}

func TestMalformedChunks(t *testing.T) {
	t.Parallel()
	good := chunks(t, 3, bytes.Repeat([]byte("z"), 300), 100)
	mod := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good[1]...)) }
	cases := []struct {
		name  string
		chunk []byte
		want  error
	}{
		{"short", good[0][:10], ErrMalformed},
		{"magic", mod(func(b []byte) []byte { b[0] = 'X'; return b }), ErrMalformed},
		{"version", mod(func(b []byte) []byte { b[2] = 9; return b }), ErrVersion},
		{"index past count", mod(func(b []byte) []byte { binary.BigEndian.PutUint16(b[8:], 5); return b }), ErrMalformed},
		{"zero count", mod(func(b []byte) []byte { binary.BigEndian.PutUint16(b[10:], 0); return b }), ErrMalformed},
		{"payload size", mod(func(b []byte) []byte { return b[:len(b)-1] }), ErrMalformed},
		{"too large", mod(func(b []byte) []byte { binary.BigEndian.PutUint32(b[12:], 1<<30); return b }), ErrTooLarge},
	}
	for _, tc := range cases {
		r := NewReassembler(1<<20, 2)
		if _, err := r.Push(tc.chunk); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
		if r.Stats().Rejected != 1 {
			t.Errorf("%s: not counted", tc.name)
		}
	}
	// A chunk whose count disagrees with earlier chunks of the message.
	r := NewReassembler(1<<20, 2)
	r.Push(good[0])
	other := chunks(t, 3, bytes.Repeat([]byte("z"), 300), 60)
	if _, err := r.Push(other[1]); !errors.Is(err, ErrMalformed) {
		t.Fatalf("inconsistent count: %v", err)
	}
	// And the reassembler still completes the real message.
	r.Push(good[1])
	if m, err := r.Push(good[2]); err != nil || len(m) != 300 {
		t.Fatalf("after a bad chunk: %d %v", len(m), err)
	}
}

func TestSplitEmitError(t *testing.T) {
	t.Parallel()
	stop := errors.New("stop")
	if err := Split(1, make([]byte, 500), 100, func([]byte) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("got %v", err)
	}
	if err := Split(1, make([]byte, 1<<20), 10, func([]byte) error { return nil }); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("too many chunks: %v", err)
	}
}

// FuzzReassembler pushes arbitrary chunks: no panic, and any message it
// returns is exactly as long as its header promised.
func FuzzReassembler(f *testing.F) {
	var seed []byte
	_ = Split(1, []byte("hello, booth"), 5, func(c []byte) error { seed = append(seed, c...); return nil })
	f.Add(seed, uint8(21))
	f.Fuzz(func(t *testing.T, stream []byte, step uint8) {
		r := NewReassembler(1<<16, 3)
		n := int(step)%64 + ChunkHeaderSize
		for len(stream) > 0 {
			k := min(n, len(stream))
			c := stream[:k]
			stream = stream[k:]
			m, err := r.Push(c)
			if err == nil && m != nil && len(m) != int(binary.BigEndian.Uint32(c[12:])) {
				t.Fatalf("message of %d bytes, header says %d", len(m), binary.BigEndian.Uint32(c[12:]))
			}
		}
	})
}
