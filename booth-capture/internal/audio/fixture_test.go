package audio

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4/pkg/media/oggreader"
	"github.com/pion/webrtc/v4/pkg/media/oggwriter"
)

// The kiosk page's real-browser test (booth-render internal/browsertest)
// plays Opus packets with a click, which booth-render, built without cgo,
// cannot encode: this package writes them, and checks them here.
var updatePageFixture = flag.Bool("update-page-fixture", false, "rewrite booth-render's click.ogg test fixture")

const (
	pageFixture = "../../../booth-render/internal/page/testdata/click.ogg"
	// The fixture: 50 packets (0.5 s) of the tone bed, a click at packet
	// 20, sample 120.
	fixturePackets = 50
	fixtureClick   = 20*BlockSamples + 120
)

func TestPageFixtureHasItsClick(t *testing.T) {
	if *updatePageFixture {
		writePageFixture(t)
	}
	f, err := os.Open(pageFixture)
	if err != nil {
		t.Fatalf("%v (write it with -update-page-fixture)", err)
	}
	defer f.Close()
	r, _, err := oggreader.NewWith(f)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := NewDecoder()
	if err != nil {
		t.Fatal(err)
	}
	var pcm []int16
	n := 0
	for {
		page, _, err := r.ParseNextPage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(page) >= 8 && string(page[:8]) == "OpusTags" {
			continue
		}
		s, err := dec.Decode(page)
		if err != nil {
			t.Fatal(err)
		}
		pcm = append(pcm, s...)
		n++
	}
	on := ClickOnsets(pcm, SampleRate/10)
	if n != fixturePackets || len(on) != 1 {
		t.Fatalf("%d packets, onsets %v", n, on)
	}
	if d := on[0] - OpusDelaySamples - fixtureClick; d < -24 || d > 24 {
		t.Fatalf("click heard at sample %d, put at %d", on[0]-OpusDelaySamples, fixtureClick)
	}
}

func writePageFixture(t *testing.T) {
	enc, err := NewEncoder(DefaultBitrateKbps)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(pageFixture), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := oggwriter.New(pageFixture, SampleRate, 1)
	if err != nil {
		t.Fatal(err)
	}
	const base = int64(1_000_000_000_000)
	clicks := &Clicks{}
	clicks.Add(base + int64(fixtureClick)*gridNs/3)
	for i := range fixturePackets {
		b := Block{Samples: make([]int16, BlockSamples), CaptureNs: base + int64(i)*BlockNs}
		for j := range b.Samples {
			b.Samples[j] = int16(toneLevel * 32767 * sinTable(i*BlockSamples+j))
		}
		MixClicks(b, clicks)
		pkt, err := enc.Encode(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: uint16(i), Timestamp: uint32(i * BlockSamples)}, Payload: pkt}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
