package audio

import (
	"container/heap"
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
)

// Packet is one Opus packet with its times, all Unix ns on this machine's
// clock.
type Packet struct {
	Stream    string // the booth speaking
	Seq       uint16
	RTP       uint32
	Payload   []byte
	CaptureNs int64
	ArrivalNs int64
	PlayNs    int64
}

// Sink plays packets. Play is called from one goroutine, Lead before each
// packet's PlayNs; Displayed tells the sink a picture was shown (a sink
// may log it).
type Sink interface {
	Play(p Packet) error
	Displayed(source string, seq uint64, captureNs, displayNs int64)
	// Lead is how long before its play time a packet must be handed over.
	Lead() time.Duration
	Close() error
}

// TrackIn is an incoming audio track (link.AudioIn).
type TrackIn interface {
	StreamID() string
	ReadRTP() (*rtp.Packet, error)
	ReadRTCP() ([]rtcp.Packet, error)
}

// Clock converts a time on the cloud's clock to this machine's; ok is false
// while the session has no estimate.
type Clock func(cloudNs int64) (localNs int64, ok bool)

// Defaults.
const (
	DefaultMinDelay = 30 * time.Millisecond
	DefaultMaxDelay = 2 * time.Second
	// JumpOver: a target delay further than this from the current one is
	// taken at once (a gap or an overlap) rather than slewed.
	JumpOver = 80 * time.Millisecond
	// slewPerPacket is how much the delay may move per packet otherwise.
	slewPerPacket = time.Millisecond
	// transitWindow is how many packets the transit maximum looks back.
	transitWindow = 200
	// latencySamples is how many displayed pictures the picture latency
	// is the median of: enough that a few slow draws (a starved renderer)
	// do not move the sound.
	latencySamples = 9
)

// Params configure a Player.
type Params struct {
	Sink Sink
	// MinDelay is the jitter margin above the audio's worst recent
	// transit (default DefaultMinDelay); MaxDelay caps the delay (default
	// DefaultMaxDelay).
	MinDelay, MaxDelay time.Duration
	Logger             *zap.Logger
	// Now is the clock (default time.Now), for tests.
	Now func() int64
}

// Stats count what the player did.
type Stats struct {
	Packets  uint64 // handed to the sink
	Late     uint64 // arrived after their play time, dropped
	Unmapped uint64 // arrived before any sender report or clock estimate, dropped
	Overflow uint64 // dropped because the player's inbox was full
	Failed   uint64 // refused by the sink
	Reports  uint64 // sender reports taken
	// DelayNs is the current delay of each stream (capture to play).
	DelayNs map[string]int64
}

type event struct {
	stream  string
	pkt     *rtp.Packet
	arrival int64
	sr      *rtcp.SenderReport
	clock   Clock
	// displayed picture
	shown                bool
	seq                  uint64
	captureNs, displayNs int64
}

type stream struct {
	clock     Clock
	srRTP     uint32
	srCloudNs int64
	haveSR    bool
	transit   []int64 // ring of recent arrival - capture
	ti        int
	delay     int64
	haveDelay bool
}

// Player is the jitter buffer and A/V scheduler; one goroutine owns its
// state.
type Player struct {
	p      Params
	log    *zap.Logger
	in     chan event
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
	wg     sync.WaitGroup

	statsMu sync.Mutex
	delays  map[string]int64

	packets, late, unmapped, overflow, failed, reports atomic.Uint64
	lastScheduled                                      atomic.Int64
}

// New validates p and starts the player.
func New(ctx context.Context, p Params) (*Player, error) {
	if p.Sink == nil {
		return nil, fmt.Errorf("%w: no sink", ErrParams)
	}
	if p.MinDelay == 0 {
		p.MinDelay = DefaultMinDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MinDelay < 0 || p.MaxDelay < p.MinDelay {
		return nil, fmt.Errorf("%w: delay %v to %v", ErrParams, p.MinDelay, p.MaxDelay)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.Now == nil {
		p.Now = func() int64 { return time.Now().UnixNano() }
	}
	ctx, cancel := context.WithCancel(ctx)
	pl := &Player{p: p, log: p.Logger, in: make(chan event, 512), cancel: cancel, done: make(chan struct{}), delays: map[string]int64{}}
	go pl.run(ctx)
	return pl, nil
}

// Track reads an incoming track until it ends (with its session); clock
// converts the cloud times of its sender reports to this machine's.
func (pl *Player) Track(t TrackIn, clock Clock) {
	sid := t.StreamID()
	pl.log.Info("hearing a booth", zap.String("stream", sid))
	pl.wg.Add(2)
	go func() {
		defer pl.wg.Done()
		for {
			p, err := t.ReadRTP()
			if err != nil {
				if !link.IsEnd(err) {
					pl.log.Debug("audio track ended", zap.String("stream", sid), zap.Error(err))
				}
				return
			}
			pl.post(event{stream: sid, pkt: p, arrival: pl.p.Now(), clock: clock})
		}
	}()
	go func() {
		defer pl.wg.Done()
		for {
			pkts, err := t.ReadRTCP()
			if err != nil {
				return
			}
			for _, q := range pkts {
				if sr, ok := q.(*rtcp.SenderReport); ok {
					pl.post(event{stream: sid, sr: sr, clock: clock})
				}
			}
		}
	}()
}

// Displayed tells the player that the picture of source captured at
// captureNs was shown at displayNs (both this machine's clock).
func (pl *Player) Displayed(source string, seq uint64, captureNs, displayNs int64) {
	pl.post(event{stream: source, shown: true, seq: seq, captureNs: captureNs, displayNs: displayNs})
}

func (pl *Player) post(e event) {
	select {
	case pl.in <- e:
	default:
		pl.overflow.Add(1)
	}
}

// Hearing reports whether a packet was scheduled in the last two seconds:
// whether pictures need holding in step with a sound.
func (pl *Player) Hearing() bool {
	last := pl.lastScheduled.Load()
	return last != 0 && pl.p.Now()-last < int64(2*time.Second)
}

// Stats returns the counters.
func (pl *Player) Stats() Stats {
	pl.statsMu.Lock()
	d := make(map[string]int64, len(pl.delays))
	for k, v := range pl.delays {
		d[k] = v
	}
	pl.statsMu.Unlock()
	return Stats{Packets: pl.packets.Load(), Late: pl.late.Load(), Unmapped: pl.unmapped.Load(), Overflow: pl.overflow.Load(),
		Failed: pl.failed.Load(), Reports: pl.reports.Load(), DelayNs: d}
}

// Close stops the player and closes the sink; the tracks' readers end with
// their session. Safe twice.
func (pl *Player) Close() error {
	pl.once.Do(pl.cancel)
	<-pl.done
	return nil
}

// Wait waits for the track readers to end (their sessions closed).
func (pl *Player) Wait() { pl.wg.Wait() }

type queue []Packet

func (q queue) Len() int           { return len(q) }
func (q queue) Less(i, j int) bool { return q[i].PlayNs < q[j].PlayNs }
func (q queue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)        { *q = append(*q, x.(Packet)) }
func (q *queue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

func (pl *Player) run(ctx context.Context) {
	defer close(pl.done)
	defer func() {
		if err := pl.p.Sink.Close(); err != nil {
			pl.log.Warn("closing the audio sink", zap.Error(err))
		}
	}()
	streams := map[string]*stream{}
	pictures := map[string][]int64{} // recent picture latencies per source
	var q queue
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	lead := int64(pl.p.Sink.Lead())
	for {
		// Hand over what is due, then sleep until the next is.
		now := pl.p.Now()
		for len(q) > 0 && q[0].PlayNs-lead <= now {
			p := heap.Pop(&q).(Packet)
			if err := pl.p.Sink.Play(p); err != nil {
				pl.failed.Add(1)
				pl.log.Debug("sink refused a packet", zap.Error(err))
				continue
			}
			pl.packets.Add(1)
		}
		if len(q) > 0 {
			timer.Reset(time.Duration(q[0].PlayNs - lead - now))
		}
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case e := <-pl.in:
			st := streams[e.stream]
			if st == nil && !e.shown {
				st = &stream{clock: e.clock, transit: make([]int64, 0, transitWindow)}
				streams[e.stream] = st
			}
			switch {
			case e.shown:
				lat := append(pictures[e.stream], e.displayNs-e.captureNs)
				if len(lat) > latencySamples {
					lat = lat[len(lat)-latencySamples:]
				}
				pictures[e.stream] = lat
				pl.p.Sink.Displayed(e.stream, e.seq, e.captureNs, e.displayNs)
			case e.sr != nil:
				st.srRTP, st.srCloudNs, st.haveSR = e.sr.RTPTime, link.NTPToUnix(e.sr.NTPTime), true
				pl.reports.Add(1)
			default:
				if p, ok := pl.schedule(st, e, median(pictures[e.stream])); ok {
					if p.PlayNs-lead < pl.p.Now() {
						pl.late.Add(1)
						continue
					}
					heap.Push(&q, p)
					pl.lastScheduled.Store(pl.p.Now())
				}
			}
		}
	}
}

// schedule gives a packet its capture and play times.
func (pl *Player) schedule(st *stream, e event, picture int64) (Packet, bool) {
	if !st.haveSR {
		pl.unmapped.Add(1)
		return Packet{}, false
	}
	capture, ok := st.clock(captureOf(e.pkt.Timestamp, st.srRTP, st.srCloudNs))
	if !ok {
		pl.unmapped.Add(1)
		return Packet{}, false
	}
	transit := e.arrival - capture
	if transit > int64(pl.p.MaxDelay) {
		// Beyond help (a stall, a stale packet): dropped as late below,
		// and kept out of the floor so it does not pin the delay.
		return Packet{Stream: e.stream, CaptureNs: capture, ArrivalNs: e.arrival, PlayNs: capture + st.delay}, true
	}
	if len(st.transit) < transitWindow {
		st.transit = append(st.transit, transit)
	} else {
		st.transit[st.ti] = transit
		st.ti = (st.ti + 1) % transitWindow
	}
	// The sink needs its lead on top: a packet is handed over that long
	// before its play time.
	floor := transitP95(st.transit) + int64(pl.p.MinDelay) + int64(pl.p.Sink.Lead())
	target := max(floor, picture)
	target = min(target, int64(pl.p.MaxDelay))
	switch {
	case !st.haveDelay || abs(target-st.delay) > int64(JumpOver):
		st.delay, st.haveDelay = target, true
	case target > st.delay:
		st.delay = min(target, st.delay+int64(slewPerPacket))
	default:
		st.delay = max(target, st.delay-int64(slewPerPacket))
	}
	pl.statsMu.Lock()
	pl.delays[e.stream] = st.delay
	pl.statsMu.Unlock()
	return Packet{Stream: e.stream, Seq: e.pkt.SequenceNumber, RTP: e.pkt.Timestamp, Payload: e.pkt.Payload,
		CaptureNs: capture, ArrivalNs: e.arrival, PlayNs: capture + st.delay}, true
}

// captureOf maps RTP time ts to the cloud-clock time of its capture, given
// a sender report (refTS at refNs). Opus RTP runs at 48 kHz.
func captureOf(ts, refTS uint32, refNs int64) int64 {
	return refNs + int64(int32(ts-refTS))*1e9/link.AudioClockRate
}

// transitP95 is the 95th percentile of the recent transits: one packet
// held up by a stall (the process starved of CPU for a second) must not
// hold every later packet back as long; it is dropped late instead.
func transitP95(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)*95/100]
}

// median of the recent picture latencies, 0 when there are none.
func median(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
