package audio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/pion/rtp"
	"go.uber.org/zap"
)

// Track is where the sender writes: link.AudioOut on the current session.
type Track interface {
	WriteRTP(p *rtp.Packet) error
	// WriteSenderReport says that RTP time rtpTime is ntpNs on the
	// booth's capture clock.
	WriteSenderReport(ntpNs int64, rtpTime, packets, octets uint32) error
}

// ReportEvery is the capture time between two RTCP sender reports.
const ReportEvery = 500_000_000 // ns

// SenderParams configure a Sender.
type SenderParams struct {
	Source      Source
	Gain        *Gain // nil: unity
	BitrateKbps int   // 0: DefaultBitrateKbps
	Logger      *zap.Logger
}

// SenderStats are a sender's counters.
type SenderStats struct {
	Blocks   uint64 // blocks read from the source
	Packets  uint64 // packets written to a track
	Bytes    uint64 // Opus payload bytes written
	Reports  uint64 // sender reports written
	Unsent   uint64 // packets encoded while no track was attached
	Failed   uint64 // packets or reports a track refused
	Dropped  uint64 // blocks the source dropped because the sender fell behind
	LastCapt int64  // capture time of the last block (Unix ns)
}

// Sender reads the source, applies the gain, encodes and writes RTP
// packets stamped on the capture clock to the attached track, with a
// sender report on attaching and every ReportEvery of capture time.
type Sender struct {
	p     SenderParams
	log   *zap.Logger
	enc   *Encoder
	track atomic.Pointer[trackBox]

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
	err    error

	blocks, packets, bytes, reports, unsent, failed atomic.Uint64
	lastCapt                                        atomic.Int64
}

type trackBox struct{ t Track }

// NewSender validates p and starts sending.
func NewSender(ctx context.Context, p SenderParams) (*Sender, error) {
	if p.Source == nil {
		return nil, fmt.Errorf("%w: no source", ErrParams)
	}
	if p.Gain == nil {
		p.Gain, _ = NewGain(false, 1)
	}
	if p.BitrateKbps == 0 {
		p.BitrateKbps = DefaultBitrateKbps
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	enc, err := NewEncoder(p.BitrateKbps)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Sender{p: p, log: p.Logger, enc: enc, cancel: cancel, done: make(chan struct{})}
	go s.run(ctx)
	return s, nil
}

// Attach makes t the track packets go to (nil: none, while there is no
// session). Safe from any goroutine.
func (s *Sender) Attach(t Track) {
	if t == nil {
		s.track.Store(nil)
		return
	}
	s.track.Store(&trackBox{t: t})
}

// Gain returns the sender's gain (mute and volume).
func (s *Sender) Gain() *Gain { return s.p.Gain }

// Stats returns the counters.
func (s *Sender) Stats() SenderStats {
	return SenderStats{Blocks: s.blocks.Load(), Packets: s.packets.Load(), Bytes: s.bytes.Load(), Reports: s.reports.Load(),
		Unsent: s.unsent.Load(), Failed: s.failed.Load(), Dropped: s.p.Source.Dropped(), LastCapt: s.lastCapt.Load()}
}

// Done is closed when the sender stopped (closed, or its source ended).
func (s *Sender) Done() <-chan struct{} { return s.done }

// Err says why the sender stopped on its own (nil after Close or when a
// WAV file without loop ended).
func (s *Sender) Err() error {
	<-s.done
	return s.err
}

// Close stops the sender and its source and waits. Safe twice.
func (s *Sender) Close() error {
	s.once.Do(func() {
		s.cancel()
		_ = s.p.Source.Close()
	})
	<-s.done
	return nil
}

func (s *Sender) run(ctx context.Context) {
	defer close(s.done)
	var (
		seq              = uint16(randUint32())
		cur              *trackBox
		lastSR           int64
		trackPk, trackBy uint32
		marker           = true
	)
	for {
		b, err := s.p.Source.Read(ctx)
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, ErrClosed) && !errors.Is(err, io.EOF) {
				s.err = err
				s.log.Error("audio source failed", zap.Error(err))
			}
			return
		}
		s.blocks.Add(1)
		s.lastCapt.Store(b.CaptureNs)
		s.p.Gain.apply(b.Samples)
		payload, err := s.enc.Encode(b)
		if err != nil {
			s.log.Warn("dropping a block the encoder refused", zap.Error(err))
			continue
		}
		tb := s.track.Load()
		if tb == nil {
			s.unsent.Add(1)
			cur, marker = nil, true
			continue
		}
		if tb != cur {
			cur, trackPk, trackBy, lastSR, marker = tb, 0, 0, 0, true
		}
		ts := RTPTime(b.CaptureNs)
		pkt := &rtp.Packet{Header: rtp.Header{Version: 2, Marker: marker, SequenceNumber: seq, Timestamp: ts}, Payload: payload}
		seq++
		marker = false
		if err := tb.t.WriteRTP(pkt); err != nil {
			s.failed.Add(1)
			s.log.Debug("writing audio", zap.Error(err))
			continue
		}
		trackPk++
		trackBy += uint32(len(payload))
		s.packets.Add(1)
		s.bytes.Add(uint64(len(payload)))
		if lastSR == 0 || b.CaptureNs-lastSR >= ReportEvery {
			if err := tb.t.WriteSenderReport(b.CaptureNs, ts, trackPk, trackBy); err != nil {
				s.failed.Add(1)
				s.log.Debug("writing a sender report", zap.Error(err))
				continue
			}
			lastSR = b.CaptureNs
			s.reports.Add(1)
		}
	}
}
