package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/cloud-reconstruct/internal/audiofwd"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/events"
	"cloudme.dev/cloud-reconstruct/internal/fanout"
	"cloudme.dev/cloud-reconstruct/internal/ingest"
	"cloudme.dev/cloud-reconstruct/internal/meeting"
	"cloudme.dev/cloud-reconstruct/internal/metrics"
	"cloudme.dev/proto/pb"
)

// DefaultMaxSessions bounds the sessions of one node.
const DefaultMaxSessions = 512

// DefaultSubscriberHighWater bounds what the cloud queues for one
// renderer when Params.Link sets no MediaHighWater (the cloud sends media
// to renderers only): above it, models are dropped at the sender (counted
// as congested). pion's SCTP starts a message's 150 ms lifetime only when
// it first leaves the queue, so everything queued is sent however old:
// with link's 4 MiB default a renderer frozen for 5 s got 33 stale
// models, 5 s of the past, when it thawed (e2e renderer-stall drill);
// with 256 KiB, 7. Enough for a 300k-triangle model (about 210 KB) in
// flight.
const DefaultSubscriberHighWater = 256 << 10

// Params configures a Server.
type Params struct {
	Issuer *auth.Issuer
	// Link is the base peer configuration (ICE servers, media high
	// water, ping interval; MediaHighWater 0 means
	// DefaultSubscriberHighWater); Logger is set per session.
	Link      link.Config
	NewEngine ingest.EngineFactory
	// MinViews is handed to every booth session (ingest.Params.MinViews).
	MinViews int
	Logger   *zap.Logger
	// Metrics: nil means a fresh set.
	Metrics *metrics.Metrics
	// HelloTimeout bounds the wait for channels and hello (0: default).
	HelloTimeout time.Duration
	// SignalTimeout bounds one offer/answer exchange (0: 10 s).
	SignalTimeout time.Duration
	// MaxSessions: 0 means DefaultMaxSessions.
	MaxSessions int
	// OnModel is handed to every booth session (tests, benchmarks).
	OnModel func(*pb.ModelFrame)
	// Meetings: nil means a fresh registry in memory; the service passes
	// one opened on its meetings file.
	Meetings *meeting.Registry
}

// Server holds the node's sessions and meetings.
type Server struct {
	p        Params
	log      *zap.Logger
	metrics  *metrics.Metrics
	meetings *meeting.Registry
	fan      *fanout.Hub
	events   *events.Hub
	audio    *audiofwd.Router

	ctx      context.Context
	cancel   context.CancelFunc
	draining atomic.Bool
	displays atomic.Uint64
	stopWS   chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup

	mu       sync.Mutex
	sessions map[string]*session
	booths   map[string]*session
	closed   sync.Once
}

// New validates the params and returns a server ready to serve.
func New(p Params) (*Server, error) {
	switch {
	case p.Issuer == nil:
		return nil, fmt.Errorf("%w: no token issuer", ErrParams)
	case p.NewEngine == nil:
		return nil, fmt.Errorf("%w: no engine factory", ErrParams)
	case p.MaxSessions < 0:
		return nil, fmt.Errorf("%w: max sessions %d", ErrParams, p.MaxSessions)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.Metrics == nil {
		p.Metrics = metrics.New()
	}
	if p.Link.MediaHighWater == 0 {
		p.Link.MediaHighWater = DefaultSubscriberHighWater
	}
	if p.MaxSessions == 0 {
		p.MaxSessions = DefaultMaxSessions
	}
	if p.SignalTimeout <= 0 {
		p.SignalTimeout = 10 * time.Second
	}
	if p.Meetings == nil {
		p.Meetings = meeting.NewRegistry()
	}
	p.Metrics.Meetings.Set(float64(len(p.Meetings.List())))
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{
		p: p, log: p.Logger, metrics: p.Metrics, meetings: p.Meetings, fan: fanout.NewHub(), events: events.NewHub(0),
		ctx: ctx, cancel: cancel, stopWS: make(chan struct{}), sessions: map[string]*session{}, booths: map[string]*session{},
		audio: audiofwd.NewRouter(p.Logger.Named("audio")),
	}, nil
}

// Metrics returns the server's metrics.
func (s *Server) Metrics() *metrics.Metrics { return s.metrics }

// AudioStats returns the audio forwarder's counters.
func (s *Server) AudioStats() audiofwd.Stats { return s.audio.Stats() }

// DisplayReports counts the display reports matched to a model and
// recorded as glass-to-glass latency.
func (s *Server) DisplayReports() uint64 { return s.displays.Load() }

// Handler returns the HTTP routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/publish", s.handlePublish)
	mux.HandleFunc("POST /v1/subscribe", s.handleSubscribe)
	mux.HandleFunc("GET /v1/sessions/{id}", s.handleGetSession)
	mux.HandleFunc("DELETE /v1/sessions/{id}", s.handleDeleteSession)
	mux.HandleFunc("GET /v1/events", s.handleEvents)
	mux.HandleFunc("POST /v1/meetings", s.handleCreateMeeting)
	mux.HandleFunc("GET /v1/meetings", s.handleListMeetings)
	mux.HandleFunc("DELETE /v1/meetings/{id}", s.handleEndMeeting)
	mux.Handle("GET /metrics", s.metrics.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", s.handleReady)
	return mux
}

func (s *Server) handleReady(w http.ResponseWriter, _ *http.Request) {
	if s.draining.Load() {
		http.Error(w, "draining", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// Drain stops taking sessions, tells every peer the node is going away
// (pb.Error OVERLOADED: reconnect elsewhere), closes them, and waits for
// their goroutines or ctx. /readyz turns 503 at once.
func (s *Server) Drain(ctx context.Context) error {
	s.draining.Store(true)
	s.stopOnce.Do(func() { close(s.stopWS) })
	s.mu.Lock()
	all := make([]*session, 0, len(s.sessions))
	for _, ss := range s.sessions {
		all = append(all, ss)
	}
	s.mu.Unlock()
	endAll(all, pb.ErrorCode_ERROR_CODE_OVERLOADED, "cloud node is draining: reconnect")
	for _, m := range s.meetings.EndAll() {
		s.events.Publish(events.Event{Type: events.MeetingEnded, Meeting: m.ID, Detail: "node draining"})
	}
	s.metrics.Meetings.Set(0)
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		s.log.Info("drained", zap.Int("sessions", len(all)))
		return nil
	case <-ctx.Done():
		return fmt.Errorf("drain: %w", ctx.Err())
	}
}

// Close drains (without a deadline) and releases everything; twice is
// safe.
func (s *Server) Close() error {
	s.closed.Do(func() {
		_ = s.Drain(context.Background())
		s.cancel()
		_ = s.events.Close()
	})
	return nil
}

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// authorize authenticates the request and applies allowed to its grants.
func (s *Server) authorize(r *http.Request, allowed func(auth.Grants) bool, what string) (*auth.Claims, string, error) {
	c, tok, err := s.p.Issuer.Authenticate(r)
	if err != nil {
		return nil, "", err
	}
	if !allowed(c.Grants) {
		return nil, "", fmt.Errorf("%w: %s", auth.ErrForbidden, what)
	}
	return c, tok, nil
}
