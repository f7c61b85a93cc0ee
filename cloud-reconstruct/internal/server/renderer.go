package server

import (
	"context"
	"sync"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/fanout"
	"cloudme.dev/cloud-reconstruct/internal/ingest"
	"cloudme.dev/cloud-reconstruct/internal/metrics"
	"cloudme.dev/proto/pb"
)

// renderer is a subscriber's session: it joins the fan-out once its
// channels open and records the display reports it sends.
type renderer struct {
	s    *Server
	peer *link.Peer
	sub  *fanout.Sub
	log  *zap.Logger

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

func startRenderer(s *Server, peer *link.Peer, sub *fanout.Sub, log *zap.Logger) *renderer {
	ctx, cancel := context.WithCancel(s.ctx)
	rd := &renderer{s: s, peer: peer, sub: sub, log: log, cancel: cancel, done: make(chan struct{})}
	go rd.run(ctx)
	return rd
}

func (rd *renderer) run(ctx context.Context) {
	defer close(rd.done)
	defer func() { _ = rd.peer.Close() }()
	timeout := rd.s.p.HelloTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-rd.peer.Ready():
	case <-rd.peer.Done():
		return
	case <-ctx.Done():
		return
	case <-timer.C:
		rd.log.Warn("renderer's data channels did not open in time")
		return
	}
	rd.s.fan.Add(rd.sub)
	for _, sid := range rd.s.speakers(rd.sub.Filter) {
		if out := rd.peer.AudioOut(sid); out != nil {
			rd.s.audio.Add(sid, out)
			defer rd.s.audio.Remove(sid, out)
		}
	}
	rd.s.metrics.Peers.WithLabelValues(metrics.RoleRenderer).Inc()
	defer func() {
		rd.s.fan.Remove(rd.sub)
		rd.s.metrics.Peers.WithLabelValues(metrics.RoleRenderer).Dec()
		c := rd.sub.Counts()
		rd.log.Info("renderer left", zap.Uint64("sent", c.Sent), zap.Uint64("congested", c.Congested), zap.Uint64("failed", c.Failed))
	}()
	rd.log.Info("renderer subscribed")
	for {
		select {
		case <-ctx.Done():
			return
		case <-rd.peer.Done():
			return
		case m := <-rd.peer.Control():
			if rep := m.Envelope.GetDisplayReport(); rep != nil {
				rd.s.recordDisplay(rep, rd.log)
				continue
			}
			rd.log.Debug("ignoring a renderer control message")
		case <-rd.peer.Media():
			rd.log.Debug("ignoring media from a renderer")
		}
	}
}

// refuse tells the renderer why, then closes its session.
func (rd *renderer) refuse(code pb.ErrorCode, msg string) {
	_ = rd.peer.SendControl(&pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Error{Error: &pb.Error{Code: code, Message: msg}}}}})
	t := time.NewTimer(ingest.Linger)
	defer t.Stop()
	select {
	case <-rd.peer.Done():
	case <-t.C:
	}
	rd.close()
}

func (rd *renderer) close() {
	rd.once.Do(func() {
		rd.cancel()
		<-rd.done
	})
}

// recordDisplay observes glass-to-glass latency for a display report
// whose model the node still remembers. display_time_ns is on the cloud's
// clock (the renderer converts it).
func (s *Server) recordDisplay(rep *pb.DisplayReport, log *zap.Logger) {
	s.mu.Lock()
	ss := s.booths[rep.GetSourceBooth()]
	s.mu.Unlock()
	if ss == nil {
		return
	}
	capture, ok := ss.b.CaptureTime(rep.GetSequence())
	if !ok {
		log.Debug("display report for a model no longer remembered", zap.String("source", rep.GetSourceBooth()), zap.Uint64("sequence", rep.GetSequence()))
		return
	}
	s.metrics.GlassToGlass.WithLabelValues(rep.GetSourceBooth()).Observe(metrics.Seconds(rep.GetDisplayTimeNs() - capture))
	s.displays.Add(1)
}
