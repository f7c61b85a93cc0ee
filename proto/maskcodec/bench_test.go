package maskcodec

import (
	"testing"

	"cloudme.dev/proto/internal/testmask"
)

func personMask() *Mask { return mask(1920, 1080, testmask.Person(1920, 1080)) }

func BenchmarkEncode(b *testing.B) {
	m := personMask()
	e, err := NewEncoder()
	if err != nil {
		b.Fatal(err)
	}
	var buf []byte
	b.SetBytes(int64(len(m.Pix)))
	for b.Loop() {
		if buf, err = e.Encode(buf[:0], m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(buf)), "bytes/mask")
}

func BenchmarkDecode(b *testing.B) {
	data, err := Encode(nil, personMask())
	if err != nil {
		b.Fatal(err)
	}
	d, err := NewDecoder()
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	m := &Mask{}
	b.SetBytes(1920 * 1080)
	for b.Loop() {
		if err := d.DecodeInto(m, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "bytes/mask")
}
