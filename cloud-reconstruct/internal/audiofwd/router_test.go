package audiofwd

import (
	"context"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"

	"cloudme.dev/calibration/link"
)

type fakeOut struct {
	mu      sync.Mutex
	pkts    []uint16
	reports []int64
}

func (f *fakeOut) WriteRTP(p *rtp.Packet) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pkts = append(f.pkts, p.SequenceNumber)
	return nil
}

func (f *fakeOut) WriteSenderReport(ntpNs int64, _, _, _ uint32) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reports = append(f.reports, ntpNs)
	return nil
}

// fakeIn replays packets and reports, then ends like a closed session.
type fakeIn struct {
	rtp   chan *rtp.Packet
	rtcp  chan []rtcp.Packet
	ended chan struct{}
}

func (f *fakeIn) ReadRTP() (*rtp.Packet, error) {
	p, ok := <-f.rtp
	if !ok {
		return nil, io.EOF
	}
	return p, nil
}

func (f *fakeIn) ReadRTCP() ([]rtcp.Packet, error) {
	select {
	case p := <-f.rtcp:
		return p, nil
	case <-f.ended:
		return nil, io.EOF
	}
}

func TestRouterForwardsAndConvertsReports(t *testing.T) {
	t.Parallel()
	r := NewRouter(nil)
	a, b := &fakeOut{}, &fakeOut{}
	r.Add("booth-a", a)
	in := &fakeIn{rtp: make(chan *rtp.Packet), rtcp: make(chan []rtcp.Packet), ended: make(chan struct{})}
	offsetKnown := false
	var mu sync.Mutex
	offset := func() (time.Duration, time.Duration, bool) {
		mu.Lock()
		defer mu.Unlock()
		return 3 * time.Millisecond, time.Millisecond, offsetKnown
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Serve(context.Background(), "booth-a", in, offset)
	}()
	// Reports and packets are read on two goroutines: each step waits
	// until the router has acted on the last.
	until := func(what string, ok func(Stats) bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !ok(r.Stats()) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: stats %+v", what, r.Stats())
			}
			time.Sleep(time.Millisecond)
		}
	}
	const boothNs = 1_700_000_000_000_000_000
	sr := []rtcp.Packet{&rtcp.SenderReport{SSRC: 9, NTPTime: link.UnixToNTP(boothNs), RTPTime: 48}}
	in.rtcp <- sr // no offset yet: not forwarded
	until("unconverted report", func(s Stats) bool { return s.Unconverted == 1 })
	in.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: 1}}
	until("packet 1", func(s Stats) bool { return s.Packets == 1 })
	mu.Lock()
	offsetKnown = true
	mu.Unlock()
	in.rtcp <- sr
	until("report", func(s Stats) bool { return s.Reports == 1 })
	in.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: 2}}
	until("packet 2", func(s Stats) bool { return s.Packets == 2 })
	// A renderer joining later gets the last report at once.
	r.Add("booth-a", b)
	r.Remove("booth-a", a)
	in.rtp <- &rtp.Packet{Header: rtp.Header{SequenceNumber: 3}}
	until("packet 3", func(s Stats) bool { return s.Packets == 3 })
	close(in.rtp)
	close(in.ended)
	<-done

	want := boothNs - int64(3*time.Millisecond)
	if len(a.pkts) != 2 || len(a.reports) != 1 || a.reports[0] != want {
		t.Fatalf("a: packets %v reports %v, want 2 packets and one report at %d", a.pkts, a.reports, want)
	}
	if len(b.pkts) != 1 || b.pkts[0] != 3 || len(b.reports) != 1 || b.reports[0] != want {
		t.Fatalf("b: packets %v reports %v", b.pkts, b.reports)
	}
	if s := r.Stats(); s.Unconverted != 1 || s.Packets != 3 {
		t.Fatalf("stats %+v", s)
	}
}
