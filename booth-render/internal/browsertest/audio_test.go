package browsertest

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4/pkg/media/oggreader"
	"go.uber.org/zap/zaptest"

	"cloudme.dev/booth-render/internal/audio"
	"cloudme.dev/booth-render/internal/chrome"
	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/page"
	"cloudme.dev/calibration/link"
)

// clickPacket and clickSample say where the click is in
// ../page/testdata/click.ogg (written and checked by booth-capture's
// internal/audio TestPageFixtureHasItsClick).
const (
	clickPacket = 20
	clickSample = 120
)

// track replays the fixture's packets as a booth's track would arrive:
// a sender report, then one packet every 10 ms.
type track struct {
	pkts  [][]byte
	t0    int64
	rtcp  chan []rtcp.Packet
	ended chan struct{}
	next  int
}

func (tr *track) StreamID() string { return "booth-a" }

func (tr *track) ReadRTP() (*rtp.Packet, error) {
	if tr.next >= len(tr.pkts) {
		<-tr.ended
		return nil, io.EOF
	}
	i := tr.next
	tr.next++
	select {
	case <-time.After(time.Until(time.Unix(0, tr.t0+int64(i+1)*10e6))):
	case <-tr.ended:
		return nil, io.EOF
	}
	return &rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: uint16(i), Timestamp: uint32(480 * i)}, Payload: tr.pkts[i]}, nil
}

func (tr *track) ReadRTCP() ([]rtcp.Packet, error) {
	select {
	case p := <-tr.rtcp:
		return p, nil
	case <-tr.ended:
		return nil, io.EOF
	}
}

type clickSink struct {
	mu     sync.Mutex
	clickN int64 // play time of the click's packet
}

func (c *clickSink) Play(p audio.Packet) error {
	if p.Seq == clickPacket {
		c.mu.Lock()
		c.clickN = p.PlayNs
		c.mu.Unlock()
	}
	return nil
}
func (c *clickSink) Displayed(string, uint64, int64, int64) {}
func (c *clickSink) Lead() time.Duration                    { return 0 }
func (c *clickSink) Close() error                           { return nil }

// The kiosk page in a real (headless) Chromium plays a booth's audio: the
// player schedules the packets, the page decodes them with WebCodecs and
// starts them with WebAudio at their play times, and it hears the click
// when the player said it would be heard.
func TestPagePlaysAudioOnTime(t *testing.T) {
	bin := browser(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	pkts := readOgg(t, "../page/testdata/click.ogg")
	g, err := display.NewGeometry(display.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := page.New(ctx, page.Params{Geometry: g, Light: display.Light(), StaleAfter: time.Second, Logger: zaptest.NewLogger(t).Named("page")})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	br, err := chrome.StartHeadless(ctx, chrome.HeadlessParams{Binary: bin, URL: srv.URL(), Width: 320, Height: 180})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	for srv.Info().Renderer == "" {
		select {
		case <-ctx.Done():
			t.Fatalf("the page never said hello; browser said:\n%s", br.Logs())
		case <-time.After(20 * time.Millisecond):
		}
	}

	rec := &clickSink{}
	pl, err := audio.New(ctx, audio.Params{Sink: audio.Tee{srv.AudioSink(), rec}, Logger: zaptest.NewLogger(t).Named("audio")})
	if err != nil {
		t.Fatal(err)
	}
	tr := &track{pkts: pkts, t0: time.Now().UnixNano(), rtcp: make(chan []rtcp.Packet, 1), ended: make(chan struct{})}
	tr.rtcp <- []rtcp.Packet{&rtcp.SenderReport{NTPTime: link.UnixToNTP(tr.t0), RTPTime: 0}}
	pl.Track(tr, func(ns int64) (int64, bool) { return ns, true })
	defer func() {
		close(tr.ended)
		pl.Wait()
		_ = pl.Close()
	}()

	var info page.Info
	for {
		info = srv.Info()
		if info.AudioPlayed+info.AudioLate+info.AudioErrors+pl.Stats().Late >= uint64(len(pkts)) {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("page reports %+v, player %+v; browser said:\n%s", srv.Info(), pl.Stats(), br.Logs())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Logf("page: played %d, late %d, decoder errors %d, peak %.2f; player: %+v", info.AudioPlayed, info.AudioLate, info.AudioErrors, info.AudioPeak, pl.Stats())
	// A packet the page gets too late to play in time is dropped, not
	// played late: on a machine this loaded (other builds beside) a few
	// may be; most must not.
	if info.AudioErrors != 0 || info.AudioPlayed < uint64(len(pkts))*4/5 {
		t.Fatalf("page played %d of %d packets (%d late, %d not decoded)", info.AudioPlayed, len(pkts), info.AudioLate, info.AudioErrors)
	}
	rec.mu.Lock()
	want := rec.clickN + clickSample*1e9/48000
	rec.mu.Unlock()
	if len(info.AudioOnsetsNs) != 1 {
		t.Fatalf("page heard onsets at %v, want one click", info.AudioOnsetsNs)
	}
	d := time.Duration(info.AudioOnsetsNs[0] - want)
	t.Logf("the page heard the click %v from its scheduled time", d)
	// The onset's time is the decoded sample's place in its packet and
	// the time that packet was started for: it checks decoding and
	// scheduling, not the speaker (there is none here). Measured: 42 µs
	// early (the codec rounds the click's crest).
	if d < -2*time.Millisecond || d > 2*time.Millisecond {
		t.Fatalf("click heard %v from when the player scheduled it", d)
	}
}

func readOgg(t *testing.T, path string) [][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, _, err := oggreader.NewWith(f)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for {
		p, _, err := r.ParseNextPage()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(p) >= 8 && string(p[:8]) == "OpusTags" {
			continue
		}
		out = append(out, p)
	}
}
