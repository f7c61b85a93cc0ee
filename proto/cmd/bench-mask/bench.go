package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"slices"
	"time"

	"cloudme.dev/proto/internal/testmask"
	"cloudme.dev/proto/maskcodec"
)

// benchCase is one mask to measure.
type benchCase struct {
	name string
	m    *maskcodec.Mask
}

func cases() []benchCase {
	person := testmask.Person(1920, 1080)
	box, _ := testmask.Bounds(person, 1920, 1080)
	mask := func(w, h int, pix []uint8) *maskcodec.Mask {
		return &maskcodec.Mask{Width: w, Height: h, Pix: pix}
	}
	return []benchCase{
		{"person", mask(1920, 1080, person)},
		{"person_crop", mask(box.MaxX-box.MinX, box.MaxY-box.MinY, testmask.Crop(person, 1920, box))},
		{"person_4k", mask(3840, 2160, testmask.Person(3840, 2160))},
		{"checkerboard", mask(640, 480, testmask.Checkerboard(640, 480))},
		{"empty", maskcodec.New(1920, 1080)},
	}
}

// line is one JSON output line: "bench" for this codec, "peer" for the
// codecs it is compared with.
type line struct {
	Bench       string  `json:"bench,omitempty"`
	Peer        string  `json:"peer,omitempty"`
	Case        string  `json:"case"`
	Width       int     `json:"width"`
	Height      int     `json:"height"`
	Iters       int     `json:"iters"`
	Bytes       int     `json:"bytes"`
	RawBytes    int     `json:"raw_bytes"`
	Ratio       float64 `json:"ratio"`
	EncodeP50us float64 `json:"encode_p50_us"`
	EncodeP99us float64 `json:"encode_p99_us"`
	DecodeP50us float64 `json:"decode_p50_us"`
	DecodeP99us float64 `json:"decode_p99_us"`
}

// codec is what run measures: our codec or a peer. encode returns the coded
// bytes; decode must restore the inside count, which run checks.
type codec struct {
	bench, peer string
	iters       int
	encode      func(m *maskcodec.Mask) ([]byte, error)
	decode      func(b []byte, w, h int) (inside int, err error)
}

func run(w io.Writer, iters, peerIters int) error {
	if iters < 1 || peerIters < 1 {
		return errors.New("iterations must be at least 1")
	}
	codecs, err := newCodecs(iters, peerIters)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	for _, c := range cases() {
		for _, k := range codecs {
			l, err := measure(k, c)
			if err != nil {
				return fmt.Errorf("case %s: %w", c.name, err)
			}
			log.Printf("%s%s %s: %d bytes", k.bench, k.peer, c.name, l.Bytes)
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
	}
	return nil
}

// measure times k.iters encodes and decodes of c, after one untimed
// warm-up round that also checks the decoded mask.
func measure(k codec, c benchCase) (line, error) {
	want := c.m.Count()
	b, err := k.encode(c.m)
	if err != nil {
		return line{}, fmt.Errorf("encode: %w", err)
	}
	if got, err := k.decode(b, c.m.Width, c.m.Height); err != nil || got != want {
		return line{}, fmt.Errorf("decode: %d inside, want %d (%v)", got, want, err)
	}
	enc := make([]time.Duration, k.iters)
	dec := make([]time.Duration, k.iters)
	for i := range k.iters {
		t0 := time.Now()
		b, err = k.encode(c.m)
		t1 := time.Now()
		if err != nil {
			return line{}, err
		}
		if _, err := k.decode(b, c.m.Width, c.m.Height); err != nil {
			return line{}, err
		}
		enc[i], dec[i] = t1.Sub(t0), time.Since(t1)
	}
	raw := len(c.m.Pix)
	return line{
		Bench: k.bench, Peer: k.peer, Case: c.name,
		Width: c.m.Width, Height: c.m.Height, Iters: k.iters,
		Bytes: len(b), RawBytes: raw, Ratio: round(float64(raw) / float64(max(len(b), 1))),
		EncodeP50us: percentileUS(enc, 0.50), EncodeP99us: percentileUS(enc, 0.99),
		DecodeP50us: percentileUS(dec, 0.50), DecodeP99us: percentileUS(dec, 0.99),
	}, nil
}

// percentileUS returns the p-th quantile of d (nearest rank) in
// microseconds, rounded to 0.1 µs.
func percentileUS(d []time.Duration, p float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	i := min(len(s)-1, max(0, int(p*float64(len(s))+0.5)-1))
	return float64(s[i].Nanoseconds()/100) / 10
}

func round(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }
