package link

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v4"
	"go.uber.org/zap"

	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// Data channel labels.
const (
	ControlLabel = "control"
	MediaLabel   = "media"
)

// Message is one envelope received on a session.
type Message struct {
	Envelope *pb.Envelope
	// ReceivedNs is when the last chunk arrived, on this side's clock.
	ReceivedNs int64
	// Bytes is the encoded size of the envelope.
	Bytes int
}

// Stats counts a session's traffic and losses.
type Stats struct {
	ControlSent, ControlReceived uint64
	MediaSent, MediaReceived     uint64
	// MediaDropped counts media messages this side dropped before sending
	// because the channel was congested.
	MediaDropped uint64
	// InboxDropped counts received messages dropped because the reader had
	// not taken the previous ones (for media: the older one is dropped).
	InboxDropped uint64
	// Undecodable counts received messages refused by the wire decoder.
	Undecodable uint64
	// Reassembly is the media channel's reassembler's view: superseded
	// and stale chunks mean frames lost on the network.
	Reassembly wire.ReassemblyStats
	BytesSent  uint64
}

// Peer is one end of a session. Its methods are safe for concurrent use.
type Peer struct {
	cfg   Config
	log   *zap.Logger
	codec *wire.Codec
	pc    *webrtc.PeerConnection
	now   func() int64

	control chan Message
	media   chan Message
	ready   chan struct{}
	done    chan struct{}

	readyOnce, closeOnce sync.Once
	mu                   sync.Mutex // guards the channel pointers, opened and onClose
	ctrlDC, mediaDC      *webrtc.DataChannel
	opened               int
	onClose              []func()
	closeErr             error
	sendMu               sync.Mutex // keeps one message's chunks together

	ctrlID, mediaID atomic.Uint32
	pingID          atomic.Uint64
	clock           clockEstimator
	reasm           atomic.Pointer[wire.ReassemblyStats]

	controlSent, controlRecv, mediaSent, mediaRecv atomic.Uint64
	mediaDropped, inboxDropped, undecodable        atomic.Uint64
	bytesSent                                      atomic.Uint64

	audio   audio
	audioWG sync.WaitGroup // readers of RTCP that end with the connection

	stopPing chan struct{}
	wg       sync.WaitGroup
}

func newPeer(cfg Config, offerer bool) (*Peer, error) {
	cfg = cfg.withDefaults()
	api, pcCfg, err := cfg.api()
	if err != nil {
		return nil, err
	}
	pc, err := api.NewPeerConnection(pcCfg)
	if err != nil {
		return nil, fmt.Errorf("link: new peer connection: %w", err)
	}
	p := &Peer{
		cfg:      cfg,
		log:      cfg.Logger,
		codec:    wire.NewCodec(*cfg.Limits),
		pc:       pc,
		now:      func() int64 { return time.Now().UnixNano() },
		control:  make(chan Message, 64),
		media:    make(chan Message, cfg.Inbox),
		ready:    make(chan struct{}),
		done:     make(chan struct{}),
		stopPing: make(chan struct{}),
		audio:    audio{out: map[string]*AudioOut{}, in: make(chan *AudioIn, 8)},
	}
	pc.OnTrack(p.onTrack)
	p.reasm.Store(&wire.ReassemblyStats{})
	pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		p.log.Debug("peer connection state", zap.Stringer("state", s))
		if s == webrtc.PeerConnectionStateFailed || s == webrtc.PeerConnectionStateClosed {
			// Close from another goroutine: pion must not be re-entered
			// from its own callback.
			go p.closeWith(fmt.Errorf("%w: connection %s", ErrClosed, s))
		}
	})
	if offerer {
		ordered := false
		media := &webrtc.DataChannelInit{Ordered: &ordered}
		if cfg.MediaLifetime > 0 {
			lifetime := uint16(min(cfg.MediaLifetime/time.Millisecond, 65535))
			media.MaxPacketLifeTime = &lifetime
		} else {
			none := uint16(0)
			media.MaxRetransmits = &none
		}
		ctrl, err := pc.CreateDataChannel(ControlLabel, nil)
		if err != nil {
			_ = pc.Close()
			return nil, fmt.Errorf("link: control channel: %w", err)
		}
		med, err := pc.CreateDataChannel(MediaLabel, media)
		if err != nil {
			_ = pc.Close()
			return nil, fmt.Errorf("link: media channel: %w", err)
		}
		p.attach(ctrl)
		p.attach(med)
		if cfg.AudioSend != "" {
			if _, err := p.addAudioOut(cfg.AudioSend, true); err != nil {
				_ = pc.Close()
				return nil, err
			}
		}
		for range cfg.AudioReceive {
			if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
				_ = pc.Close()
				return nil, fmt.Errorf("link: audio receiver: %w", err)
			}
		}
	} else {
		pc.OnDataChannel(p.attach)
	}
	return p, nil
}

// attach wires a data channel's callbacks. Each channel has its own
// reassembler, used only from that channel's message callback, which pion
// calls from one goroutine at a time.
func (p *Peer) attach(dc *webrtc.DataChannel) {
	label := dc.Label()
	if label != ControlLabel && label != MediaLabel {
		p.log.Warn("closing unexpected data channel", zap.String("label", label))
		_ = dc.Close()
		return
	}
	p.mu.Lock()
	if label == ControlLabel {
		p.ctrlDC = dc
	} else {
		p.mediaDC = dc
	}
	p.mu.Unlock()
	live := 1
	if label == MediaLabel {
		live = 3
	}
	r := wire.NewReassembler(p.cfg.Limits.MaxEnvelopeBytes, live)
	dc.SetBufferedAmountLowThreshold(p.cfg.MediaHighWater / 2)
	dc.OnOpen(func() {
		p.mu.Lock()
		p.opened++
		both := p.opened == 2
		p.mu.Unlock()
		if both {
			p.readyOnce.Do(func() {
				close(p.ready)
				p.startPing()
			})
		}
	})
	dc.OnClose(func() { go p.closeWith(fmt.Errorf("%w: %s channel closed", ErrClosed, label)) })
	dc.OnMessage(func(msg webrtc.DataChannelMessage) {
		b, err := r.Push(msg.Data)
		if label == MediaLabel {
			s := r.Stats()
			p.reasm.Store(&s)
		}
		if err != nil {
			p.log.Warn("dropping malformed chunk", zap.String("channel", label), zap.Error(err))
			return
		}
		if b != nil {
			p.receive(label, b)
		}
	})
}

func (p *Peer) receive(label string, b []byte) {
	at := p.now()
	env, err := p.codec.Decode(b)
	if err != nil {
		p.undecodable.Add(1)
		p.log.Warn("dropping undecodable message", zap.String("channel", label), zap.Int("bytes", len(b)), zap.Error(err))
		return
	}
	m := Message{Envelope: env, ReceivedNs: at, Bytes: len(b)}
	if label == MediaLabel {
		p.mediaRecv.Add(1)
		p.deliverLatest(m)
		return
	}
	p.controlRecv.Add(1)
	if ctl := env.GetControl(); ctl != nil {
		switch k := ctl.GetKind().(type) {
		case *pb.Control_Ping:
			p.answerPing(k.Ping, at)
			return
		case *pb.Control_Pong:
			p.clock.add(wire.SampleClock(k.Pong, at))
			return
		}
	}
	select {
	case p.control <- m:
	default:
		p.inboxDropped.Add(1)
		p.log.Error("control inbox full: reader is not keeping up; message dropped")
	}
}

// deliverLatest hands a media message to the reader, dropping the oldest
// waiting one when the inbox is full: latest wins.
func (p *Peer) deliverLatest(m Message) {
	for {
		select {
		case p.media <- m:
			return
		default:
		}
		select {
		case <-p.media:
			p.inboxDropped.Add(1)
		default:
		}
	}
}

// Ready is closed once both data channels are open.
func (p *Peer) Ready() <-chan struct{} { return p.ready }

// Done is closed when the session has ended.
func (p *Peer) Done() <-chan struct{} { return p.done }

// Err says why the session ended, once Done is closed.
func (p *Peer) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closeErr
}

// Control delivers control messages (hello, display reports, errors) in
// order. Pings and pongs are handled inside the peer.
func (p *Peer) Control() <-chan Message { return p.control }

// Media delivers frame sets and model frames, newest first when the reader
// falls behind.
func (p *Peer) Media() <-chan Message { return p.media }

// SendControl sends an envelope on the reliable, ordered channel.
func (p *Peer) SendControl(env *pb.Envelope) error {
	b, err := p.codec.Encode(env)
	if err != nil {
		return fmt.Errorf("link: send control: %w", err)
	}
	p.mu.Lock()
	dc := p.ctrlDC
	p.mu.Unlock()
	if err := p.sendChunks(dc, &p.ctrlID, b); err != nil {
		return fmt.Errorf("link: send control: %w", err)
	}
	p.controlSent.Add(1)
	return nil
}

// SendMedia encodes env and sends it on the media channel, or drops it with
// ErrCongested when the channel's buffer is over its high-water mark.
func (p *Peer) SendMedia(env *pb.Envelope) error {
	b, err := p.codec.Encode(env)
	if err != nil {
		return fmt.Errorf("link: send media: %w", err)
	}
	return p.SendMediaEncoded(b)
}

// SendMediaEncoded sends an envelope already encoded with wire.Encode, so
// that one model can be encoded once and sent to many subscribers.
func (p *Peer) SendMediaEncoded(b []byte) error {
	p.mu.Lock()
	dc := p.mediaDC
	p.mu.Unlock()
	if dc != nil && dc.BufferedAmount() > p.cfg.MediaHighWater {
		p.mediaDropped.Add(1)
		return ErrCongested
	}
	if err := p.sendChunks(dc, &p.mediaID, b); err != nil {
		return fmt.Errorf("link: send media: %w", err)
	}
	p.mediaSent.Add(1)
	return nil
}

func (p *Peer) sendChunks(dc *webrtc.DataChannel, ids *atomic.Uint32, b []byte) error {
	select {
	case <-p.done:
		return ErrClosed
	default:
	}
	if dc == nil || dc.ReadyState() != webrtc.DataChannelStateOpen {
		return fmt.Errorf("%w: channel not open", ErrClosed)
	}
	p.sendMu.Lock()
	defer p.sendMu.Unlock()
	id := ids.Add(1)
	err := wire.Split(id, b, wire.DefaultChunkPayload, func(c []byte) error {
		return dc.Send(c)
	})
	if err != nil {
		return err
	}
	p.bytesSent.Add(uint64(len(b)))
	return nil
}

// Stats returns the session's counters.
func (p *Peer) Stats() Stats {
	return Stats{
		ControlSent:     p.controlSent.Load(),
		ControlReceived: p.controlRecv.Load(),
		MediaSent:       p.mediaSent.Load(),
		MediaReceived:   p.mediaRecv.Load(),
		MediaDropped:    p.mediaDropped.Load(),
		InboxDropped:    p.inboxDropped.Load(),
		Undecodable:     p.undecodable.Load(),
		Reassembly:      *p.reasm.Load(),
		BytesSent:       p.bytesSent.Load(),
	}
}

// OnClose registers f to run once when the session ends.
func (p *Peer) OnClose(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.onClose = append(p.onClose, f)
}

// Close ends the session. Closing twice is safe.
func (p *Peer) Close() error {
	p.closeWith(ErrClosed)
	return nil
}

func (p *Peer) closeWith(reason error) {
	p.closeOnce.Do(func() {
		p.mu.Lock()
		p.closeErr = reason
		hooks := p.onClose
		p.mu.Unlock()
		close(p.stopPing)
		p.wg.Wait()
		if err := p.pc.Close(); err != nil && !errors.Is(err, webrtc.ErrConnectionClosed) {
			p.log.Debug("closing peer connection", zap.Error(err))
		}
		p.audioWG.Wait()
		close(p.done)
		for _, f := range hooks {
			f()
		}
		p.log.Debug("session closed", zap.NamedError("reason", reason))
	})
}
