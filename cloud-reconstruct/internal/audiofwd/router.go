package audiofwd

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
)

// Out is a track that carries one booth's audio to one renderer
// (link.AudioOut).
type Out interface {
	WriteRTP(p *rtp.Packet) error
	WriteSenderReport(ntpNs int64, rtpTime, packets, octets uint32) error
}

// In is a booth's incoming track (link.AudioIn).
type In interface {
	ReadRTP() (*rtp.Packet, error)
	ReadRTCP() ([]rtcp.Packet, error)
}

// ClockOffset is the booth session's estimate of the booth's clock minus
// the cloud's (link.Peer.ClockOffset).
type ClockOffset func() (offset, rtt time.Duration, ok bool)

// Stats count what the router forwarded.
type Stats struct {
	Packets, Reports, Failed, Unconverted uint64
}

// report is a sender report with its NTP time on the cloud's clock.
type report struct {
	cloudNs                 int64
	rtpTime, packets, bytes uint32
}

type booth struct {
	outs atomic.Pointer[[]Out]
	last atomic.Pointer[report]
}

// Router holds, per booth, the tracks its audio goes to. Safe for
// concurrent use; forwarding reads a copy-on-write list.
type Router struct {
	log *zap.Logger
	mu  sync.Mutex
	by  map[string]*booth

	packets, reports, failed, unconverted atomic.Uint64
}

// NewRouter returns an empty router.
func NewRouter(log *zap.Logger) *Router {
	if log == nil {
		log = zap.NewNop()
	}
	return &Router{log: log, by: map[string]*booth{}}
}

func (r *Router) booth(id string) *booth {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.by[id]
	if b == nil {
		b = &booth{}
		b.outs.Store(&[]Out{})
		r.by[id] = b
	}
	return b
}

// Add makes o receive booth's audio from now on. A renderer joining while
// the booth speaks gets the booth's last sender report at once, so it
// can place the packets that follow without waiting for the next one.
func (r *Router) Add(boothID string, o Out) {
	b := r.booth(boothID)
	r.mu.Lock()
	next := append(slices.Clone(*b.outs.Load()), o)
	b.outs.Store(&next)
	r.mu.Unlock()
	if sr := b.last.Load(); sr != nil {
		if err := o.WriteSenderReport(sr.cloudNs, sr.rtpTime, sr.packets, sr.bytes); err != nil {
			r.failed.Add(1)
		}
	}
}

// Remove stops o receiving booth's audio; twice is harmless.
func (r *Router) Remove(boothID string, o Out) {
	b := r.booth(boothID)
	r.mu.Lock()
	defer r.mu.Unlock()
	next := slices.DeleteFunc(slices.Clone(*b.outs.Load()), func(x Out) bool { return x == o })
	b.outs.Store(&next)
}

// Stats returns the counters.
func (r *Router) Stats() Stats {
	return Stats{Packets: r.packets.Load(), Reports: r.reports.Load(), Failed: r.failed.Load(), Unconverted: r.unconverted.Load()}
}

// Serve forwards booth's track until it ends (the session closes) or ctx
// does: packets as they come, sender reports converted to the cloud's
// clock. It returns when both of the track's readers have stopped.
func (r *Router) Serve(ctx context.Context, boothID string, in In, offset ClockOffset) {
	b := r.booth(boothID)
	log := r.log.With(zap.String("booth", boothID))
	log.Info("forwarding a booth's audio")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			pkts, err := in.ReadRTCP()
			if err != nil {
				if !link.IsEnd(err) && ctx.Err() == nil {
					log.Debug("audio reports ended", zap.Error(err))
				}
				return
			}
			for _, p := range pkts {
				if sr, ok := p.(*rtcp.SenderReport); ok {
					r.forwardReport(b, sr, offset, log)
				}
			}
		}
	}()
	for ctx.Err() == nil {
		p, err := in.ReadRTP()
		if err != nil {
			if !link.IsEnd(err) && ctx.Err() == nil {
				log.Warn("audio track ended", zap.Error(err))
			}
			break
		}
		for _, o := range *b.outs.Load() {
			if err := o.WriteRTP(p); err != nil {
				r.failed.Add(1)
				continue
			}
			r.packets.Add(1)
		}
	}
	wg.Wait()
	log.Info("booth's audio ended")
}

func (r *Router) forwardReport(b *booth, sr *rtcp.SenderReport, offset ClockOffset, log *zap.Logger) {
	off, _, ok := offset()
	if !ok {
		// No clock estimate yet (the first ping is under way): a report
		// on the booth's clock would mislead; the next one will do.
		r.unconverted.Add(1)
		return
	}
	rep := &report{cloudNs: link.NTPToUnix(sr.NTPTime) - int64(off), rtpTime: sr.RTPTime, packets: sr.PacketCount, bytes: sr.OctetCount}
	b.last.Store(rep)
	for _, o := range *b.outs.Load() {
		if err := o.WriteSenderReport(rep.cloudNs, rep.rtpTime, rep.packets, rep.bytes); err != nil {
			r.failed.Add(1)
			log.Debug("forwarding a sender report", zap.Error(err))
			continue
		}
		r.reports.Add(1)
	}
}
