package meshcodec

import (
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

// benchMesh is a noisy, shuffled UV sphere of about 100k triangles.
func benchMesh() *mesh.Mesh {
	return shuffled(sphere(0, 1, 0, 0.3, 160, 320, 0.002, 1), 3)
}

func BenchmarkEncode(b *testing.B) {
	m := benchMesh()
	enc, err := NewEncoder(Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := enc.Encode(nil, m)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		data, _ = enc.Encode(data[:0], m)
	}
	b.ReportMetric(msPerOp(b), "ms/frame")
	b.ReportMetric(float64(len(data)), "bytes/frame")
}

func BenchmarkDecode(b *testing.B) {
	m := benchMesh()
	enc, err := NewEncoder(Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := enc.Encode(nil, m)
	if err != nil {
		b.Fatal(err)
	}
	dec := NewDecoder(Limits{})
	var got mesh.Mesh
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := dec.Decode(data, &got); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(msPerOp(b), "ms/frame")
	b.ReportMetric(float64(len(data)), "bytes/frame")
}

// msPerOp is the mean time of one iteration in milliseconds.
func msPerOp(b *testing.B) float64 {
	return b.Elapsed().Seconds() * 1e3 / float64(b.N)
}

// BenchmarkCores encodes and decodes benchMesh, coded as two parts, with
// one goroutine and with two (when GOMAXPROCS allows), to show what the
// second core gives on the same stream.
func BenchmarkCores(b *testing.B) {
	m := benchMesh()
	for _, tc := range []struct {
		name     string
		splitMin int
	}{{"one-goroutine", math.MaxInt}, {"two-goroutines", 0}} {
		enc, err := NewEncoder(Options{})
		if err != nil {
			b.Fatal(err)
		}
		enc.splitMin = tc.splitMin
		data, err := enc.Encode(nil, m)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("encode/"+tc.name, func(b *testing.B) {
			for b.Loop() {
				data, _ = enc.Encode(data[:0], m)
			}
			b.ReportMetric(msPerOp(b), "ms/frame")
		})
		dec := NewDecoder(Limits{})
		dec.splitMin = tc.splitMin
		var got mesh.Mesh
		b.Run("decode/"+tc.name, func(b *testing.B) {
			for b.Loop() {
				if err := dec.Decode(data, &got); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(msPerOp(b), "ms/frame")
		})
	}
}
