package audio

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtp"
)

func TestRTPTimeIsExactOnTheGrid(t *testing.T) {
	t.Parallel()
	base := AlignNs(1_763_000_000_123_456_789)
	if base%gridNs != 0 || base < 1_763_000_000_123_456_789 || base-1_763_000_000_123_456_789 >= gridNs {
		t.Fatalf("AlignNs gave %d", base)
	}
	for n := int64(0); n < 1000; n++ {
		at := base + n*BlockNs
		if d := RTPTime(at+BlockNs) - RTPTime(at); d != BlockSamples {
			t.Fatalf("block %d: RTP step %d, want %d", n, d, BlockSamples)
		}
		if got := CaptureOf(RTPTime(at), RTPTime(base), base); got != at {
			t.Fatalf("block %d: capture %d, want %d", n, got, at)
		}
	}
	// Across the 32-bit wrap, and before the reference.
	if got := CaptureOf(RTPTime(base)-480, RTPTime(base), base); got != base-BlockNs {
		t.Fatalf("before the reference: %d", got-base)
	}
}

func TestClickLandsOnItsSample(t *testing.T) {
	t.Parallel()
	block := int64(1_000_000_000)
	for _, c := range []struct {
		clickNs int64
		want    int // onset sample in the block, -1: none
	}{
		{block, 0},
		{block + 5_000_000, 240},
		{block + 20_833, 0},     // just under one sample
		{block + 20_834, 1},     // just over
		{block - 1_000_000, -1}, // began 48 samples before: its tail only
		{block + BlockNs, -1},
	} {
		s := make([]int16, BlockSamples)
		addClick(s, block, c.clickNs)
		on := ClickOnsets(s, 1000)
		switch {
		case c.want < 0 && len(on) > 0 && on[0] == 0 && c.clickNs < block:
			// A tail over the threshold at sample 0 is fine; it is not an onset in the block.
		case c.want < 0 && len(on) > 0:
			t.Errorf("click at %+d ns: onsets %v, want none", c.clickNs-block, on)
		case c.want >= 0 && (len(on) != 1 || on[0] != c.want):
			t.Errorf("click at %+d ns: onsets %v, want [%d]", c.clickNs-block, on, c.want)
		}
	}
}

func TestWAVRoundTripAndRefusals(t *testing.T) {
	t.Parallel()
	in := []int16{0, 1, -1, 32767, -32768, 1234}
	got, err := ParseWAV(EncodeWAV(in))
	if err != nil || len(got) != len(in) {
		t.Fatalf("%v %v", got, err)
	}
	for i := range in {
		if got[i] != in[i] {
			t.Fatalf("sample %d: %d, want %d", i, got[i], in[i])
		}
	}
	bad44k := EncodeWAV(in)
	bad44k[24], bad44k[25] = 0x44, 0xac // 44100 Hz
	for name, b := range map[string][]byte{"empty": nil, "not riff": []byte("RIFX0000WAVE"), "44.1 kHz": bad44k, "cut": EncodeWAV(in)[:50]} {
		if _, err := ParseWAV(b); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v, want ErrFormat", name, err)
		}
	}
}

func FuzzParseWAV(f *testing.F) {
	f.Add(EncodeWAV([]int16{1, 2, 3}))
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseWAV(b)
		if err == nil && len(s) == 0 {
			t.Fatal("no error and no samples")
		}
	})
}

func TestGain(t *testing.T) {
	t.Parallel()
	g, err := NewGain(false, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	s := []int16{1000, -1000, 32767}
	g.apply(s)
	if s[0] != 500 || s[1] != -500 || s[2] != 16384 {
		t.Fatalf("half volume: %v", s)
	}
	_ = g.SetVolume(2)
	s = []int16{20000, -20000}
	g.apply(s)
	if s[0] != 32767 || s[1] != -32768 {
		t.Fatalf("saturation: %v", s)
	}
	g.SetMuted(true)
	s = []int16{5, 6}
	g.apply(s)
	if s[0] != 0 || s[1] != 0 {
		t.Fatalf("muted: %v", s)
	}
	for _, v := range []float64{-0.1, 2.01} {
		if err := g.SetVolume(v); !errors.Is(err, ErrParams) {
			t.Errorf("volume %g accepted", v)
		}
	}
}

// A click survives Opus: after encoding and decoding, its onset is found
// within a millisecond of where it was put.
func TestClickSurvivesOpus(t *testing.T) {
	t.Parallel()
	enc, err := NewEncoder(DefaultBitrateKbps)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := NewDecoder()
	if err != nil {
		t.Fatal(err)
	}
	// The synthetic source's blocks, built without its real-time pacing:
	// clicks 0.3 s and 0.7137 s in.
	const base = int64(1_000_000_000_000)
	clicks := &Clicks{}
	want := []int64{base + 300_000_000, base + 713_700_000}
	for _, c := range want {
		clicks.Add(c)
	}
	var out []int16
	for n := range 100 {
		b := Block{Samples: make([]int16, BlockSamples), CaptureNs: base + int64(n)*BlockNs}
		for i := range b.Samples {
			b.Samples[i] = int16(toneLevel * 32767 * sinTable(n*BlockSamples+i))
		}
		MixClicks(b, clicks)
		pkt, err := enc.Encode(b)
		if err != nil {
			t.Fatal(err)
		}
		s, err := dec.Decode(pkt)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s...)
	}
	on := ClickOnsets(out, SampleRate/20)
	if len(on) != 2 {
		t.Fatalf("onsets %v, want 2", on)
	}
	// libopus's decoder delays the signal by its look-ahead (6.5 ms at
	// 48 kHz in VoIP mode: 312 samples); compare after removing it.
	for i, c := range want {
		wantIdx := int((c - base) * SampleRate / 1e9)
		d := on[i] - OpusDelaySamples - wantIdx
		t.Logf("click %d: onset %+d samples from where it was put", i, d)
		if d < -48 || d > 48 {
			t.Errorf("click %d: onset at %d, want %d±48", i, on[i]-OpusDelaySamples, wantIdx)
		}
	}
}

type fakeTrack struct {
	mu      sync.Mutex
	pkts    []*rtp.Packet
	reports [][2]int64
}

func (f *fakeTrack) WriteRTP(p *rtp.Packet) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := *p
	c.Payload = bytes.Clone(p.Payload)
	f.pkts = append(f.pkts, &c)
	return nil
}

func (f *fakeTrack) WriteSenderReport(ntpNs int64, rtpTime, _, _ uint32) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reports = append(f.reports, [2]int64{ntpNs, int64(rtpTime)})
	return nil
}

// The sender stamps packets with the RTP time of their capture time and
// reports the exact mapping; a WAV file's blocks arrive in order.
func TestSenderStampsOnTheCaptureClock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.wav")
	if err := os.WriteFile(path, EncodeWAV(make([]int16, SampleRate/5)), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := OpenWAV(path, false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSender(context.Background(), SenderParams{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	tr := &fakeTrack{}
	s.Attach(tr)
	select {
	case <-s.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("a 200 ms file did not end")
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if len(tr.pkts) < 15 || len(tr.reports) == 0 {
		t.Fatalf("%d packets, %d reports", len(tr.pkts), len(tr.reports))
	}
	sr := tr.reports[0]
	if uint32(sr[1]) != RTPTime(sr[0]) || sr[0]%gridNs != 0 {
		t.Fatalf("report %v does not map RTP time to capture time exactly", sr)
	}
	// Consecutive packets are 10 ms apart, but where the sender fell more
	// than maxBehind behind (a starved test machine) and the source
	// skipped ahead: those skips add up to its Dropped count.
	skipped := uint64(0)
	for i, p := range tr.pkts[1:] {
		prev := tr.pkts[i]
		step := p.Timestamp - prev.Timestamp
		if p.SequenceNumber != prev.SequenceNumber+1 || step == 0 || step%BlockSamples != 0 {
			t.Fatalf("packet %d: seq %d after %d, ts step %d", i+1, p.SequenceNumber, prev.SequenceNumber, step)
		}
		skipped += uint64(step/BlockSamples - 1)
	}
	if d := s.Stats().Dropped; skipped != d {
		t.Fatalf("timestamps skip %d blocks, the source dropped %d", skipped, d)
	}
	if !tr.pkts[0].Marker || tr.pkts[1].Marker {
		t.Fatal("the marker bit goes on the first packet of a talk spurt only")
	}
}

// The synthetic source delivers consecutive 10 ms blocks on the grid as
// the wall clock passes them, with the click scheduled among them.
func TestSyntheticSourceIsLive(t *testing.T) {
	t.Parallel()
	clicks := &Clicks{}
	src := NewSynthetic(clicks)
	defer src.Close()
	clicks.Add(src.p.start + 15_000_000) // in the second block
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var prev Block
	loud := 0
	for i := range 3 {
		b, err := src.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && b.CaptureNs-prev.CaptureNs != BlockNs {
			t.Fatalf("block %d %v after the previous", i, time.Duration(b.CaptureNs-prev.CaptureNs))
		}
		if time.Now().UnixNano() < b.CaptureNs+BlockNs {
			t.Fatalf("block %d delivered before it was complete", i)
		}
		loud += len(ClickOnsets(b.Samples, 1000))
		prev = b
	}
	if loud != 1 {
		t.Fatalf("%d clicks in 30 ms, want 1", loud)
	}
	_ = src.Close()
	if _, err := src.Read(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("read after close: %v", err)
	}
}
