package audio

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4/pkg/media/oggwriter"
)

// ScheduleFile is the name of the FileSink's schedule in its directory.
const ScheduleFile = "schedule.jsonl"

// OggFile is the name of a booth's Ogg Opus file in a FileSink's directory.
func OggFile(stream string) string { return "audio-" + stream + ".ogg" }

// Entry is one line of the schedule: an audio packet handed to the sink
// ("audio") or a picture shown ("video"). Times are Unix ns on the
// renderer's clock.
type Entry struct {
	Kind   string `json:"kind"`
	Stream string `json:"stream"`
	// Audio: the packet's index in its Ogg file (0 = first audio packet),
	// RTP sequence and timestamp, bytes.
	Index int    `json:"index,omitempty"`
	Seq   uint64 `json:"seq"`
	RTP   uint32 `json:"rtp,omitempty"`
	Bytes int    `json:"bytes,omitempty"`
	// CaptureNs: capture time of the packet's first sample, or of the
	// picture.
	CaptureNs int64 `json:"capture_ns"`
	ArrivalNs int64 `json:"arrival_ns,omitempty"`
	// PlayNs: when the first sample is to be heard; HandedNs: when the
	// sink got it.
	PlayNs   int64 `json:"play_ns,omitempty"`
	HandedNs int64 `json:"handed_ns,omitempty"`
	// DisplayNs: when the picture was shown.
	DisplayNs int64 `json:"display_ns,omitempty"`
}

var streamName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// FileSink is a speaker for tests and headless mode: it writes each
// booth's packets to an Ogg Opus file in the order they are played and
// logs every packet's play time, and every picture's display time, to the
// schedule.
type FileSink struct {
	dir   string
	mu    sync.Mutex
	sched *os.File
	w     *bufio.Writer
	enc   *json.Encoder
	oggs  map[string]*oggwriter.OggWriter
	n     map[string]int
}

// NewFileSink creates dir (if needed) and the schedule in it.
func NewFileSink(dir string) (*FileSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("audio sink: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, ScheduleFile))
	if err != nil {
		return nil, fmt.Errorf("audio sink: %w", err)
	}
	w := bufio.NewWriter(f)
	return &FileSink{dir: dir, sched: f, w: w, enc: json.NewEncoder(w), oggs: map[string]*oggwriter.OggWriter{}, n: map[string]int{}}, nil
}

// Lead is zero: writing a file takes no time worth planning for.
func (s *FileSink) Lead() time.Duration { return 0 }

// Play appends p to its booth's Ogg file and logs it.
func (s *FileSink) Play(p Packet) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sched == nil {
		return fmt.Errorf("%w: sink closed", ErrParams)
	}
	if !streamName.MatchString(p.Stream) {
		return fmt.Errorf("%w: stream name %q", ErrParams, p.Stream)
	}
	w := s.oggs[p.Stream]
	if w == nil {
		var err error
		if w, err = oggwriter.New(filepath.Join(s.dir, OggFile(p.Stream)), link48k, 1); err != nil {
			return fmt.Errorf("audio sink: %w", err)
		}
		s.oggs[p.Stream] = w
	}
	if err := w.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: p.Seq, Timestamp: p.RTP}, Payload: p.Payload}); err != nil {
		return fmt.Errorf("audio sink: %w", err)
	}
	i := s.n[p.Stream]
	s.n[p.Stream] = i + 1
	if err := s.enc.Encode(Entry{Kind: "audio", Stream: p.Stream, Index: i, Seq: uint64(p.Seq), RTP: p.RTP, Bytes: len(p.Payload),
		CaptureNs: p.CaptureNs, ArrivalNs: p.ArrivalNs, PlayNs: p.PlayNs, HandedNs: time.Now().UnixNano()}); err != nil {
		return err
	}
	// Flushed line by line, so that the schedule can be read while the
	// renderer runs.
	return s.w.Flush()
}

// Displayed logs a picture.
func (s *FileSink) Displayed(source string, seq uint64, captureNs, displayNs int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sched == nil {
		return
	}
	_ = s.enc.Encode(Entry{Kind: "video", Stream: source, Seq: seq, CaptureNs: captureNs, DisplayNs: displayNs})
	_ = s.w.Flush()
}

// Close flushes and closes the files.
func (s *FileSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first error
	for _, w := range s.oggs {
		if err := w.Close(); err != nil && first == nil {
			first = err
		}
	}
	s.oggs = map[string]*oggwriter.OggWriter{}
	if s.sched != nil {
		if err := s.w.Flush(); err != nil && first == nil {
			first = err
		}
		if err := s.sched.Close(); err != nil && first == nil {
			first = err
		}
		s.sched = nil
	}
	return first
}

// link48k is the Opus RTP clock.
const link48k = 48000
