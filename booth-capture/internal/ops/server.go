package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"
)

// Booth is what the server reports on and commands.
type Booth interface {
	Snapshot() Snapshot
	// Relearn asks for the background plates to be learned again.
	Relearn(ctx context.Context) error
}

// Params configure a Server.
type Params struct {
	Listen string // host:port; ":0" for tests
	Booth  Booth
	Logger *zap.Logger
}

// Server serves /metrics, /healthz and POST /relearn.
type Server struct {
	ln   net.Listener
	srv  *http.Server
	done chan struct{}
	once sync.Once
}

// New listens and starts serving.
func New(p Params) (*Server, error) {
	if p.Booth == nil {
		return nil, fmt.Errorf("no booth: %w", ErrParams)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	ln, err := net.Listen("tcp", p.Listen)
	if err != nil {
		return nil, fmt.Errorf("ops listen %s: %w", p.Listen, err)
	}
	s := &Server{ln: ln, done: make(chan struct{}), srv: &http.Server{Handler: Handler(p.Booth, p.Logger), ReadHeaderTimeout: 5 * time.Second}}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			p.Logger.Error("ops server", zap.Error(err))
		}
	}()
	p.Logger.Info("ops server listening", zap.String("addr", ln.Addr().String()))
	return s, nil
}

// Addr is the address served.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server and waits. Safe twice.
func (s *Server) Close() error {
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = s.srv.Shutdown(ctx)
	})
	<-s.done
	return nil
}

// Handler serves the three endpoints.
func Handler(b Booth, log *zap.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		s := b.Snapshot()
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = WriteMetrics(w, &s)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		s := b.Snapshot()
		w.Header().Set("Content-Type", "application/json")
		if !s.Delivering() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(s)
	})
	mux.HandleFunc("POST /relearn", func(w http.ResponseWriter, r *http.Request) {
		if err := b.Relearn(r.Context()); err != nil {
			log.Warn("relearn", zap.Error(err))
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		log.Info("background plates will be re-learned")
		w.WriteHeader(http.StatusAccepted)
	})
	return mux
}

// Relearn asks the agent whose ops server listens at addr (host:port or a
// URL) to re-learn its background plates.
func Relearn(ctx context.Context, addr string) error {
	u := addr
	if !strings.Contains(u, "://") {
		u = "http://" + u
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(u, "/")+"/relearn", nil)
	if err != nil {
		return fmt.Errorf("%v: %w", err, ErrRelearn)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%v: %w", err, ErrRelearn)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("agent answered %s: %s: %w", resp.Status, strings.TrimSpace(string(msg)), ErrRelearn)
	}
	return nil
}
