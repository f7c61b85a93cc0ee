package audiobench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4/pkg/media/oggwriter"

	"cloudme.dev/booth-capture/internal/audio"
)

// Analyze finds a click put at a known sample and measures its offset
// from the matching picture exactly.
func TestAnalyzeFindsTheClickAndItsOffset(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	enc, err := audio.NewEncoder(audio.DefaultBitrateKbps)
	if err != nil {
		t.Fatal(err)
	}
	w, err := oggwriter.New(filepath.Join(dir, "audio-booth-a.ogg"), audio.SampleRate, 1)
	if err != nil {
		t.Fatal(err)
	}
	sched, err := os.Create(filepath.Join(dir, "schedule.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	js := json.NewEncoder(sched)
	const (
		base  = int64(1_000_000_000_000)
		delay = int64(200e6) // capture to play
		// The click is in packet 30, 99 samples in.
		clickNs = base + 30*audio.BlockNs + 2_062_500 // 99 samples in, on the 62.5 µs grid
	)
	clicks := &audio.Clicks{}
	clicks.Add(clickNs)
	for i := range 60 {
		at := base + int64(i)*audio.BlockNs
		b := audio.Block{Samples: make([]int16, audio.BlockSamples), CaptureNs: at}
		audio.MixClicks(b, clicks)
		pkt, err := enc.Encode(b)
		if err != nil {
			t.Fatal(err)
		}
		ts := uint32(i * audio.BlockSamples)
		if err := w.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: uint16(i), Timestamp: ts}, Payload: pkt}); err != nil {
			t.Fatal(err)
		}
		_ = js.Encode(entry{Kind: "audio", Stream: "booth-a", Index: i, Seq: uint64(i), RTP: ts, Bytes: len(pkt), CaptureNs: at, ArrivalNs: at + 20e6, PlayNs: at + delay})
	}
	// The picture captured 5 ms before the click, shown 180 ms after its
	// capture, while the sound plays 200 ms after its capture: the click
	// is heard 20 ms after the instant is shown.
	frameCapture := clickNs - 5e6
	_ = js.Encode(entry{Kind: "video", Stream: "booth-a", Seq: 1, CaptureNs: frameCapture, DisplayNs: frameCapture + 180e6})
	_ = js.Encode(entry{Kind: "video", Stream: "booth-a", Seq: 2, CaptureNs: frameCapture + 100e6, DisplayNs: frameCapture + 300e6})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	_ = sched.Close()

	a, err := Analyze(dir, "booth-a", 100e6)
	if err != nil {
		t.Fatal(err)
	}
	if a.Packets != 60 || len(a.Clicks) != 1 || !a.Clicks[0].Matched {
		t.Fatalf("packets %d clicks %+v", a.Packets, a.Clicks)
	}
	c := a.Clicks[0]
	if d := c.CaptureNs - clickNs; d < -1e6 || d > 1e6 {
		t.Fatalf("click found %v ns from where it was", d)
	}
	// Audio behind by 20 ms, within the onset's error (under 1 ms).
	if off := c.AVOffsetNs; off < -21e6 || off > -19e6 {
		t.Fatalf("A/V offset %.2f ms, want -20", float64(off)/1e6)
	}
	f := a.Figures()
	if f.MouthToEarP50Ms != 200 || f.TransitP50Ms != 20 || f.ClicksMatched != 1 || f.AVOffsetInWindowPct != 100 {
		t.Fatalf("figures %+v", f)
	}
}

func TestInWindow(t *testing.T) {
	t.Parallel()
	for off, want := range map[int64]bool{0: true, 45e6: true, 45e6 + 1: false, -125e6: true, -125e6 - 1: false} {
		if InWindow(off) != want {
			t.Errorf("%d ns: %v", off, !want)
		}
	}
}
