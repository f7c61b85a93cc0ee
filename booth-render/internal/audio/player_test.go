package audio

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4/pkg/media/oggreader"
	"go.uber.org/goleak"

	"cloudme.dev/calibration/link"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fakeTrack replays packets and reports in the order given, then ends.
type fakeTrack struct {
	sid   string
	rtp   chan *rtp.Packet
	rtcp  chan []rtcp.Packet
	ended chan struct{}
}

func newFakeTrack(sid string) *fakeTrack {
	return &fakeTrack{sid: sid, rtp: make(chan *rtp.Packet), rtcp: make(chan []rtcp.Packet), ended: make(chan struct{})}
}

func (f *fakeTrack) StreamID() string { return f.sid }
func (f *fakeTrack) ReadRTP() (*rtp.Packet, error) {
	select {
	case p := <-f.rtp:
		return p, nil
	case <-f.ended:
		return nil, io.EOF
	}
}
func (f *fakeTrack) ReadRTCP() ([]rtcp.Packet, error) {
	select {
	case p := <-f.rtcp:
		return p, nil
	case <-f.ended:
		return nil, io.EOF
	}
}

type recSink struct {
	mu     sync.Mutex
	played []Packet
	handed []int64
}

func (r *recSink) Play(p Packet) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.played = append(r.played, p)
	r.handed = append(r.handed, time.Now().UnixNano())
	return nil
}
func (r *recSink) Displayed(string, uint64, int64, int64) {}
func (r *recSink) Lead() time.Duration                    { return 0 }
func (r *recSink) Close() error                           { return nil }

func identity(ns int64) (int64, bool) { return ns, true }

// Packets are played at capture + the picture's latency; one that comes
// before any sender report cannot be placed, and one whose play time has
// passed is dropped.
func TestPlayerFollowsThePicture(t *testing.T) {
	sink := &recSink{}
	pl, err := New(context.Background(), Params{Sink: sink, MinDelay: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer pl.Close()
	tr := newFakeTrack("booth-a")
	pl.Track(tr, identity)
	t0 := time.Now().UnixNano()
	tr.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: 1, Timestamp: 0}} // before any report
	// Packets and reports are read on two goroutines: the report goes
	// once the packet has been turned away.
	for pl.Stats().Unmapped == 0 {
		time.Sleep(time.Millisecond)
	}
	tr.rtcp <- []rtcp.Packet{&rtcp.SenderReport{NTPTime: link.UnixToNTP(t0), RTPTime: 48000}}
	// The picture is shown 150 ms after capture.
	pl.Displayed("booth-a", 1, t0-time.Second.Nanoseconds(), t0-time.Second.Nanoseconds()+150e6)
	for pl.Stats().Reports == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // the picture (same inbox, posted after the report's reader) is taken too
	for k := range 10 {
		tr.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: uint16(2 + k), Timestamp: 48000 + uint32(480*k)}, Payload: []byte{byte(k)}}
	}
	// Captured 5 s ago: far too late for any delay up to MaxDelay.
	past := uint32(48000)
	past -= 5 * 48000
	tr.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: 99, Timestamp: past}}
	deadline := time.Now().Add(5 * time.Second)
	for {
		sink.mu.Lock()
		n := len(sink.played)
		sink.mu.Unlock()
		if n == 10 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(tr.ended)
	pl.Wait()
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.played) != 10 {
		t.Fatalf("played %d packets, want 10", len(sink.played))
	}
	for k, p := range sink.played {
		wantCapture := t0 + int64(k)*10e6
		if p.CaptureNs != wantCapture || p.PlayNs != wantCapture+150e6 {
			t.Fatalf("packet %d: capture %+d play %+d (ns from t0), want %+d and %+d", k, p.CaptureNs-t0, p.PlayNs-t0, wantCapture-t0, wantCapture+150e6-t0)
		}
		if sink.handed[k] < p.PlayNs {
			t.Fatalf("packet %d handed %v before its play time", k, time.Duration(p.PlayNs-sink.handed[k]))
		}
	}
	s := pl.Stats()
	if s.Unmapped != 1 || s.Late != 1 || s.Reports != 1 || s.DelayNs["booth-a"] != 150e6 {
		t.Fatalf("stats %+v", s)
	}
	if !pl.Hearing() {
		t.Fatal("a player that just scheduled packets says it hears nothing")
	}
}

// With no picture yet, the delay is the audio's own transit plus the
// margin: the audio is not held back for nothing.
func TestPlayerFloorIsTheTransit(t *testing.T) {
	sink := &recSink{}
	pl, err := New(context.Background(), Params{Sink: sink, MinDelay: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	tr := newFakeTrack("b")
	pl.Track(tr, identity)
	// Each packet arrives 40 ms after its capture.
	t0 := time.Now().UnixNano() - 40e6
	tr.rtcp <- []rtcp.Packet{&rtcp.SenderReport{NTPTime: link.UnixToNTP(t0), RTPTime: 0}}
	for pl.Stats().Reports == 0 {
		time.Sleep(time.Millisecond)
	}
	tr.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: 1, Timestamp: 480}}
	time.Sleep(100 * time.Millisecond)
	close(tr.ended)
	pl.Wait()
	_ = pl.Close()
	if len(sink.played) != 1 {
		t.Fatalf("played %d", len(sink.played))
	}
	p := sink.played[0]
	d := time.Duration(p.PlayNs - p.CaptureNs)
	transit := time.Duration(p.ArrivalNs - p.CaptureNs)
	if d != transit+20*time.Millisecond {
		t.Fatalf("delay %v, want transit %v + 20ms", d, transit)
	}
}

// The file sink writes Ogg Opus that reads back packet for packet, and a
// schedule line per packet and picture.
func TestFileSink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := NewFileSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	payloads := [][]byte{{0x08, 1, 2}, {0x08, 3}, {0x08, 4, 5, 6}}
	for i, pl := range payloads {
		if err := s.Play(Packet{Stream: "booth-a", Seq: uint16(i), RTP: uint32(480 * i), Payload: pl, CaptureNs: int64(i), PlayNs: int64(100 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Displayed("booth-a", 7, 5, 9)
	if err := s.Play(Packet{Stream: "../x", Payload: []byte{8}}); err == nil {
		t.Fatal("a stream name with a path in it was accepted")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, OggFile("booth-a")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, _, err := oggreader.NewWith(f)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]byte
	for {
		page, _, err := r.ParseNextPage()
		if err != nil {
			break
		}
		if len(page) > 8 && string(page[:8]) == "OpusTags" {
			continue
		}
		got = append(got, page)
	}
	if len(got) != len(payloads) {
		t.Fatalf("read %d packets back, want %d", len(got), len(payloads))
	}
	sf, err := os.Open(filepath.Join(dir, ScheduleFile))
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	var kinds []string
	sc := bufio.NewScanner(sf)
	for sc.Scan() {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, e.Kind)
	}
	if len(kinds) != 4 || kinds[3] != "video" {
		t.Fatalf("schedule kinds %v", kinds)
	}
}

type leadSink struct {
	recSink
	lead time.Duration
}

func (l *leadSink) Lead() time.Duration { return l.lead }

// A sink that needs its packets early (the page) gets them its lead ahead
// of their play time, and the delay makes room for that lead.
func TestPlayerHonoursTheSinkLead(t *testing.T) {
	sink := &leadSink{lead: 80 * time.Millisecond}
	tee := Tee{sink, &recSink{}}
	if tee.Lead() != 80*time.Millisecond {
		t.Fatalf("tee lead %v", tee.Lead())
	}
	pl, err := New(context.Background(), Params{Sink: tee, MinDelay: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	tr := newFakeTrack("c")
	pl.Track(tr, identity)
	t0 := time.Now().UnixNano() - 100e6 // captured before they arrive, as real packets are
	tr.rtcp <- []rtcp.Packet{&rtcp.SenderReport{NTPTime: link.UnixToNTP(t0), RTPTime: 0}}
	for pl.Stats().Reports == 0 {
		time.Sleep(time.Millisecond)
	}
	for k := range 5 {
		tr.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: uint16(k), Timestamp: uint32(480 * k)}}
	}
	time.Sleep(300 * time.Millisecond)
	close(tr.ended)
	pl.Wait()
	_ = pl.Close()
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.played) != 5 || pl.Stats().Late != 0 {
		t.Fatalf("played %d, stats %+v", len(sink.played), pl.Stats())
	}
	for k, p := range sink.played {
		if p.PlayNs-p.CaptureNs < int64(90*time.Millisecond) {
			t.Fatalf("packet %d: delay %v leaves no room for the 80 ms lead and 10 ms margin", k, time.Duration(p.PlayNs-p.CaptureNs))
		}
		// Its lead ahead, less however late the timer woke (under -race on
		// a loaded machine: tens of ms); never after its play time.
		if early := p.PlayNs - sink.handed[k]; early <= 0 {
			t.Fatalf("packet %d handed %v after its play time", k, time.Duration(-early))
		}
	}
}
