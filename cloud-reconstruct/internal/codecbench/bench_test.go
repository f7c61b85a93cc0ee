package codecbench

import (
	"testing"

	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/meshcodec"
)

func benchPerson(b *testing.B) *mesh.Mesh {
	m, err := Person(100000, 0.5)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkEncodePerson100k reports ms and bytes per frame for the
// synthetic person of about 100k triangles.
func BenchmarkEncodePerson100k(b *testing.B) {
	m := benchPerson(b)
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var data []byte
	b.ReportAllocs()
	for b.Loop() {
		if data, err = enc.Encode(data[:0], m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "bytes/frame")
}

func BenchmarkDecodePerson100k(b *testing.B) {
	m := benchPerson(b)
	enc, err := meshcodec.NewEncoder(meshcodec.Options{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := enc.Encode(nil, m)
	if err != nil {
		b.Fatal(err)
	}
	dec := meshcodec.NewDecoder(meshcodec.Limits{})
	var got mesh.Mesh
	b.ReportAllocs()
	for b.Loop() {
		if err := dec.Decode(data, &got); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "bytes/frame")
}
