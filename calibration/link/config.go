package link

import (
	"fmt"
	"time"

	"github.com/pion/webrtc/v4"
	"go.uber.org/zap"

	"cloudme.dev/calibration/logging"
	"cloudme.dev/proto/wire"
)

// SCTP tuning for real-time media (see api).
const (
	sctpRTOMax  = 300 * time.Millisecond
	sctpMinCwnd = 128 << 10
)

// Config is what both ends of a session need.
type Config struct {
	// Logger receives the session's logs; pion's go to Logger under
	// pion.<scope>. Nil means no logging.
	Logger *zap.Logger
	// PionLevel is the minimum level of pion's own logs (default warn).
	PionLevel string
	// ICEServers for WAN use (STUN/TURN URLs); empty on a LAN or loopback.
	ICEServers []string
	// ICEUsername and ICECredential authenticate to TURN servers in
	// ICEServers. Never logged.
	ICEUsername, ICECredential string
	// ICERelayOnly gathers and uses relay (TURN) candidates only, for a
	// venue whose network lets nothing but its TURN server through.
	ICERelayOnly bool
	// ICEPortMin and ICEPortMax bound the local UDP ports (both zero: any),
	// so a venue's firewall can open a known range.
	ICEPortMin, ICEPortMax uint16
	// NAT1To1IPs are public addresses of a 1:1 NAT in front of this host,
	// advertised as host candidates.
	NAT1To1IPs []string
	// Limits bound every decoded envelope (default wire.DefaultLimits).
	Limits *wire.Limits
	// MediaHighWater is the media channel's send buffer, in bytes, above
	// which new messages are dropped (default 4 MiB).
	MediaHighWater uint64
	// MediaLifetime bounds how long the media channel retransmits a lost
	// packet before abandoning it (default 150 ms): long enough to repair
	// loss on a WAN, short enough that a frame never arrives after newer
	// ones would have. Negative means no retransmission at all; then one
	// lost packet loses its whole frame, which for frames of hundreds of
	// packets means most frames on any lossy path (measured: a 600 KB
	// frame over loopback never arrived that way in our tests).
	MediaLifetime time.Duration
	// PingInterval between clock probes (default 1 s; negative: none).
	PingInterval time.Duration
	// ProbeInterval, on the dialing side, is how often a session whose
	// connection has gone quiet (ICE disconnected) asks the cloud whether
	// it still knows the session (GET on the session's Location). A 404
	// (the cloud restarted and lost it) or a refused connection (nothing
	// listens there) ends the session at once, so the agent redials in
	// about ICE's disconnect time (3 s) instead of its failure time (9 s);
	// anything else (a timeout, a network error: perhaps only the network
	// is down) waits for ICE as before. Default 1 s; negative: never ask.
	ProbeInterval time.Duration
	// Inbox is the number of received messages held for the reader before
	// new media is dropped (default 16).
	Inbox int
	// AudioSend, on the dialing side, offers one send-only Opus track with
	// this stream id (a booth: its booth id); empty: none.
	AudioSend string
	// AudioReceive, on the dialing side, offers this many receive-only
	// audio sections (a renderer: the most booths it will hear at once).
	AudioReceive int
	// AudioOut, on the answering side, adds one send-only Opus track per
	// stream id, each taking one of the offer's receive-only audio
	// sections while they last (the cloud: one per booth a renderer hears).
	AudioOut []string
}

func (c Config) withDefaults() Config {
	if c.Logger == nil {
		c.Logger = zap.NewNop()
	}
	if c.Limits == nil {
		l := wire.DefaultLimits
		c.Limits = &l
	}
	if c.MediaHighWater == 0 {
		c.MediaHighWater = 4 << 20
	}
	if c.MediaLifetime == 0 {
		c.MediaLifetime = 150 * time.Millisecond
	}
	if c.PingInterval == 0 {
		c.PingInterval = time.Second
	}
	if c.ProbeInterval == 0 {
		c.ProbeInterval = time.Second
	}
	if c.Inbox <= 0 {
		c.Inbox = 16
	}
	return c
}

// api builds the pion API with our logging and network settings.
func (c Config) api() (*webrtc.API, webrtc.Configuration, error) {
	pf, err := logging.NewPionFactory(c.Logger, c.PionLevel)
	if err != nil {
		return nil, webrtc.Configuration{}, fmt.Errorf("link: %w", err)
	}
	var se webrtc.SettingEngine
	se.LoggerFactory = pf
	if c.ICEPortMin != 0 || c.ICEPortMax != 0 {
		if err := se.SetEphemeralUDPPortRange(c.ICEPortMin, c.ICEPortMax); err != nil {
			return nil, webrtc.Configuration{}, fmt.Errorf("link: ICE port range %d-%d: %w", c.ICEPortMin, c.ICEPortMax, err)
		}
	}
	if len(c.NAT1To1IPs) > 0 {
		rule := webrtc.ICEAddressRewriteRule{External: c.NAT1To1IPs, AsCandidateType: webrtc.ICECandidateTypeHost}
		if err := se.SetICEAddressRewriteRules(rule); err != nil {
			return nil, webrtc.Configuration{}, fmt.Errorf("link: NAT 1:1 addresses %v: %w", c.NAT1To1IPs, err)
		}
	}
	// Booths and renderers may sit on the cloud's machine (the demo, the
	// tests): loopback candidates are wanted.
	se.SetIncludeLoopbackCandidate(true)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4, webrtc.NetworkTypeUDP6})
	// Notice a dead peer within seconds, not the default half minute.
	se.SetICETimeouts(3*time.Second, 6*time.Second, 500*time.Millisecond)
	// pion's SCTP waits at least 1 s before retransmitting and lets its
	// congestion window collapse on loss; with 2 % loss and 50 ms RTT
	// that queued booth frame sets for seconds (e2e impaired-link drill:
	// ingest p50 over 2.2 s). A 300 ms retransmission ceiling and a
	// 128 KiB floor under the window brought it to p50 38-52 ms, p99
	// 148-180 ms.
	se.SetSCTPRTOMax(sctpRTOMax)
	se.SetSCTPMinCwnd(sctpMinCwnd)
	opts, err := mediaAPI()
	if err != nil {
		return nil, webrtc.Configuration{}, err
	}
	api := webrtc.NewAPI(append(opts, webrtc.WithSettingEngine(se))...)
	cfg := webrtc.Configuration{}
	if len(c.ICEServers) > 0 {
		srv := webrtc.ICEServer{URLs: c.ICEServers}
		if c.ICEUsername != "" || c.ICECredential != "" {
			srv.Username, srv.Credential = c.ICEUsername, c.ICECredential
		}
		cfg.ICEServers = []webrtc.ICEServer{srv}
	}
	if c.ICERelayOnly {
		cfg.ICETransportPolicy = webrtc.ICETransportPolicyRelay
	}
	return api, cfg, nil
}
