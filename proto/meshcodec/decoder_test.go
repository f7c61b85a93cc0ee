package meshcodec

import (
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"slices"
	"testing"

	"cloudme.dev/proto/mesh"
)

type meshT = mesh.Mesh

func TestDecodeEveryTruncation(t *testing.T) {
	t.Parallel()
	m := union(sphere(0, 1, 0, 0.2, 8, 10, 0.01, 1), tetrahedron())
	m.Positions = append(m.Positions, 5, 5, 5) // an unreferenced vertex
	m.Colors = append(m.Colors, 1, 2, 3)
	// One part, and two (decoded with a second goroutine).
	for _, partMin := range []int{defaultPartMin, 0} {
		data := checkRoundTripParts(t, m, Options{}, partMin)
		dec := NewDecoder(Limits{})
		dec.splitMin = 0
		var got mesh.Mesh
		for n := 0; n < len(data); n++ {
			if err := dec.Decode(data[:n], &got); err == nil {
				t.Fatalf("truncation to %d of %d bytes decoded without error", n, len(data))
			}
		}
		if err := dec.Decode(append(data[:len(data):len(data)], 0), &got); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("trailing byte: got %v, want ErrCorrupt", err)
		}
	}
}

func TestDecodeLimits(t *testing.T) {
	data := checkRoundTrip(t, sphere(0, 1, 0, 0.2, 8, 10, 0, 1), Options{})
	hostile := func(vertices, triangles uint32) []byte {
		b := append([]byte(nil), data...)
		binary.LittleEndian.PutUint32(b[8:], vertices)
		binary.LittleEndian.PutUint32(b[12:], triangles)
		return b
	}
	cases := []struct {
		name   string
		data   []byte
		limits Limits
	}{
		{"vertices over default", hostile(DefaultMaxVertices+1, 10), Limits{}},
		{"triangles over default", hostile(10, DefaultMaxTriangles+1), Limits{}},
		{"max uint32 counts", hostile(^uint32(0), ^uint32(0)), Limits{}},
		{"vertices over custom", data, Limits{MaxVertices: 10}},
		{"triangles over custom", data, Limits{MaxTriangles: 10}},
		{"bytes over custom", data, Limits{MaxBytes: 100}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dec := NewDecoder(tc.limits)
			var got mesh.Mesh
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			err := dec.Decode(tc.data, &got)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("got %v, want ErrTooLarge", err)
			}
			if d := after.TotalAlloc - before.TotalAlloc; d > 1<<16 {
				t.Fatalf("refusing allocated %d bytes", d)
			}
		})
	}
}

func TestDecodeHostileCountsWithinLimits(t *testing.T) {
	t.Parallel()
	data := checkRoundTrip(t, sphere(0, 1, 0, 0.2, 8, 10, 0, 1), Options{})
	b := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(b[8:], 1000)
	binary.LittleEndian.PutUint32(b[12:], 5000)
	if err := NewDecoder(Limits{}).Decode(b, new(mesh.Mesh)); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v, want ErrCorrupt", err)
	}
}

func TestDecoderReuse(t *testing.T) {
	t.Parallel()
	enc, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	dec := NewDecoder(Limits{})
	var got mesh.Mesh
	for _, m := range []*mesh.Mesh{sphere(0, 1, 0, 0.3, 30, 40, 0.01, 1), tetrahedron(), {}, cube()} {
		data, err := enc.Encode(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		if err := dec.Decode(data, &got); err != nil {
			t.Fatal(err)
		}
		if got.VertexCount() != m.VertexCount() || got.TriangleCount() != m.TriangleCount() || got.HasColors() != m.HasColors() {
			t.Fatalf("reused decoder gave %d/%d, want %d/%d", got.VertexCount(), got.TriangleCount(), m.VertexCount(), m.TriangleCount())
		}
	}
}

func TestEncodeSteadyStateAllocations(t *testing.T) {
	m := sphere(0, 1, 0, 0.3, 30, 40, 0.01, 1)
	enc, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := enc.Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(5, func() { data, _ = enc.Encode(data[:0], m) }); n > 0 {
		t.Fatalf("Encode allocates %v times per call in steady state", n)
	}
}

func TestDecodeSteadyStateAllocations(t *testing.T) {
	m := sphere(0, 1, 0, 0.3, 30, 40, 0.01, 1)
	enc, err := NewEncoder(Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := enc.Encode(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	dec := NewDecoder(Limits{})
	var got mesh.Mesh
	if err := dec.Decode(data, &got); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(5, func() { _ = dec.Decode(data, &got) }); n > 0 {
		t.Fatalf("Decode allocates %v times per call in steady state", n)
	}
}

// TestDecodeSplitSame checks that writing half the vertices in a second
// goroutine gives the same mesh, with and without colours, without
// allocating in steady state.
func TestDecodeSplitSame(t *testing.T) {
	coloured := shuffled(sphere(0, 1, 0, 0.3, 40, 80, 0.002, 1), 4)
	plain := *coloured
	plain.Colors = nil
	for i, m := range []*mesh.Mesh{coloured, &plain, coloured, &plain} {
		enc, err := NewEncoder(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if i >= 2 {
			enc.partMin = 0 // two parts, decoded by two goroutines
		}
		data, err := enc.Encode(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		var got [2]mesh.Mesh
		for i, splitMin := range []int{math.MaxInt, 0} {
			dec := NewDecoder(Limits{})
			dec.splitMin = splitMin
			if err := dec.Decode(data, &got[i]); err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				if n := testing.AllocsPerRun(5, func() { _ = dec.Decode(data, &got[1]) }); n > 0 {
					t.Fatalf("Decode with two goroutines allocates %v times per call in steady state", n)
				}
			}
		}
		if !slices.Equal(got[0].Indices, got[1].Indices) || !slices.Equal(got[0].Positions, got[1].Positions) || !slices.Equal(got[0].Colors, got[1].Colors) {
			t.Fatal("decoding with two goroutines gives another mesh than with one")
		}
		if len(got[1].Positions) != 3*m.VertexCount() || len(got[1].Colors) != len(m.Colors) {
			t.Fatalf("%d coordinates and %d colour bytes, want %d and %d", len(got[1].Positions), len(got[1].Colors), 3*m.VertexCount(), len(m.Colors))
		}
	}
}

// TestOutputPositionsTable checks that the tabulated coordinates are those
// of grid.dequantize, bit for bit.
func TestOutputPositionsTable(t *testing.T) {
	t.Parallel()
	g := newGrid([3]float32{-1.25, 0.001, 3}, [3]float32{0.7, 1.93, 3.5}, 11)
	var deq [3][]float32
	for a := range deq {
		for q := int32(0); q <= g.maxq; q++ {
			deq[a] = append(deq[a], g.dequantize(q, a))
		}
	}
	attr := []vattr{{p: [3]int32{0, 0, 0}}, {p: [3]int32{g.maxq, 17, 1023}}, {p: [3]int32{5, g.maxq, 2000}}}
	want, got := make([]float32, 3*len(attr)), make([]float32, 3*len(attr))
	outputPositions(&g, attr, want)
	outputPositionsTable(&deq, g.maxq, attr, got)
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			t.Fatalf("coordinate %d: %v from the table, %v computed", i, got[i], want[i])
		}
	}
}
