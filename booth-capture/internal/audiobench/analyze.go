package audiobench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/pion/webrtc/v4/pkg/media/oggreader"

	"cloudme.dev/booth-capture/internal/audio"
)

// entry is a line of booth-render's audio schedule (booth-render
// internal/audio.Entry).
type entry struct {
	Kind      string `json:"kind"`
	Stream    string `json:"stream"`
	Index     int    `json:"index"`
	Seq       uint64 `json:"seq"`
	RTP       uint32 `json:"rtp"`
	Bytes     int    `json:"bytes"`
	CaptureNs int64  `json:"capture_ns"`
	ArrivalNs int64  `json:"arrival_ns"`
	PlayNs    int64  `json:"play_ns"`
	DisplayNs int64  `json:"display_ns"`
}

// Click is one click heard at the renderer.
type Click struct {
	CaptureNs, PlayNs int64 // the click's onset, renderer's clock
	// Matched: the picture captured within half a frame of the click was
	// shown; AVOffsetNs is then when that instant was shown minus when it
	// was heard: positive, the sound came first (audio ahead).
	Matched    bool
	AVOffsetNs int64
}

// Analysis is what the renderer's files say.
type Analysis struct {
	Packets, Bytes int
	// SpanNs is the capture time the packets cover.
	SpanNs int64
	// MouthToEarNs (play - capture) and TransitNs (arrival - capture) of
	// every packet; PictureNs (display - capture) of every picture.
	MouthToEarNs, TransitNs, PictureNs []int64
	Clicks                             []Click
}

// Analyze reads the schedule and the stream's Ogg file in dir. A click is
// matched to the picture whose capture time is within framePeriodNs/2 of
// it.
func Analyze(dir, stream string, framePeriodNs int64) (*Analysis, error) {
	sched, err := readSchedule(filepath.Join(dir, "schedule.jsonl"))
	if err != nil {
		return nil, err
	}
	var pkts, video []entry
	for _, e := range sched {
		switch {
		case e.Kind == "audio" && e.Stream == stream:
			pkts = append(pkts, e)
		case e.Kind == "video" && e.Stream == stream:
			video = append(video, e)
		}
	}
	if len(pkts) == 0 {
		return nil, fmt.Errorf("audiobench: no audio of %s in %s", stream, dir)
	}
	payloads, err := readOgg(filepath.Join(dir, "audio-"+stream+".ogg"))
	if err != nil {
		return nil, err
	}
	if len(payloads) != len(pkts) {
		return nil, fmt.Errorf("audiobench: %d packets in the Ogg file, %d in the schedule", len(payloads), len(pkts))
	}
	a := &Analysis{Packets: len(pkts)}
	for i, p := range pkts {
		if p.Index != i {
			return nil, fmt.Errorf("audiobench: schedule line for packet %d says index %d", i, p.Index)
		}
		a.Bytes += p.Bytes
		a.MouthToEarNs = append(a.MouthToEarNs, p.PlayNs-p.CaptureNs)
		a.TransitNs = append(a.TransitNs, p.ArrivalNs-p.CaptureNs)
	}
	a.SpanNs = pkts[len(pkts)-1].CaptureNs - pkts[0].CaptureNs + audio.BlockNs
	for _, v := range video {
		a.PictureNs = append(a.PictureNs, v.DisplayNs-v.CaptureNs)
	}
	dec, err := audio.NewDecoder()
	if err != nil {
		return nil, err
	}
	var pcm []int16
	for i, pl := range payloads {
		s, err := dec.Decode(pl)
		if err != nil {
			return nil, fmt.Errorf("audiobench: packet %d: %w", i, err)
		}
		if len(s) != audio.BlockSamples {
			return nil, fmt.Errorf("audiobench: packet %d decodes to %d samples, want %d", i, len(s), audio.BlockSamples)
		}
		pcm = append(pcm, s...)
	}
	sort.Slice(video, func(i, j int) bool { return video[i].CaptureNs < video[j].CaptureNs })
	for _, k := range audio.ClickOnsets(pcm, audio.SampleRate/10) {
		k -= audio.OpusDelaySamples
		if k < 0 {
			continue
		}
		i, j := k/audio.BlockSamples, k%audio.BlockSamples
		// The decoder's delay spans the packet before: skip clicks next
		// to a gap (a packet lost or dropped late).
		if i == 0 || pkts[i].RTP-pkts[i-1].RTP != audio.BlockSamples {
			continue
		}
		off := int64(j) * 1e9 / audio.SampleRate
		c := Click{CaptureNs: pkts[i].CaptureNs + off, PlayNs: pkts[i].PlayNs + off}
		if v, ok := nearest(video, c.CaptureNs); ok && abs(v.CaptureNs-c.CaptureNs) <= framePeriodNs/2 {
			c.Matched = true
			c.AVOffsetNs = v.DisplayNs + (c.CaptureNs - v.CaptureNs) - c.PlayNs
		}
		a.Clicks = append(a.Clicks, c)
	}
	return a, nil
}

func nearest(video []entry, at int64) (entry, bool) {
	if len(video) == 0 {
		return entry{}, false
	}
	i := sort.Search(len(video), func(i int) bool { return video[i].CaptureNs >= at })
	best := -1
	for _, k := range []int{i - 1, i} {
		if k >= 0 && k < len(video) && (best < 0 || abs(video[k].CaptureNs-at) < abs(video[best].CaptureNs-at)) {
			best = k
		}
	}
	return video[best], true
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func readSchedule(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("audiobench: %w", err)
	}
	defer f.Close()
	var out []entry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("audiobench: %s line %d: %w", path, n, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// readOgg returns the Opus packets of an Ogg file written one packet per
// page (pion's oggwriter), without the two header pages.
func readOgg(path string) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("audiobench: %w", err)
	}
	defer f.Close()
	r, _, err := oggreader.NewWith(f)
	if err != nil {
		return nil, fmt.Errorf("audiobench: %s: %w", path, err)
	}
	var out [][]byte
	for {
		page, _, err := r.ParseNextPage()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("audiobench: %s: %w", path, err)
		}
		if len(page) >= 8 && string(page[:8]) == "OpusTags" {
			continue
		}
		if len(page) == 0 {
			continue
		}
		out = append(out, page)
	}
}
