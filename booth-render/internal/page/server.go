package page

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/zap"

	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/calibration/raster"
)

//go:embed assets
var assets embed.FS

// Params configure a Server.
type Params struct {
	// Addr to listen on (default 127.0.0.1:0: loopback, any free port).
	Addr     string
	Geometry *display.Geometry
	Light    raster.Light
	// StaleAfter is how long after the last model the page clears the
	// person and says the stream stopped (default 1 s).
	StaleAfter time.Duration
	Logger     *zap.Logger
}

// Drawn says that the page first drew a model at LocalNs (Unix ns, this
// machine's clock).
type Drawn struct {
	Source  string
	Seq     uint64
	LocalNs int64
}

// Info is what the pages told the server.
type Info struct {
	Pages    int    // pages connected now
	Renderer string // WebGL renderer of the last page that said hello
	WebGL2   bool
	FPS      float64 // the last frame rate a page reported
	Errors   uint64  // error messages and refused messages from pages
	// Audio as the pages report it: packets played, dropped late and
	// refused by the decoder, the loudest sample, and the play times of
	// the last loud onsets heard (Unix ns, this machine's clock).
	AudioPlayed, AudioLate, AudioErrors uint64
	AudioPeak                           float64
	AudioOnsetsNs                       []int64
}

// maxOnsetsKept bounds Info.AudioOnsetsNs.
const maxOnsetsKept = 64

// Stats count the models that went to pages.
type Stats struct {
	Shown   uint64 // models handed to Show
	Sent    uint64 // model frames written to pages
	Skipped uint64 // models a page never got because a newer one came first
	Drawn   uint64 // drawn reports
	// AudioSent and AudioDropped count audio messages queued for pages
	// and dropped because a page's queue was full.
	AudioSent, AudioDropped uint64
}

type frame struct {
	id   uint32
	data []byte
}

type status struct {
	State string `json:"state"`
	Text  string `json:"text"`
}

type origin struct {
	source string
	seq    uint64
}

// Server serves the kiosk page and feeds every connected page.
type Server struct {
	p      Params
	log    *zap.Logger
	ln     net.Listener
	http   *http.Server
	config []byte
	up     websocket.Upgrader

	latest atomic.Pointer[frame]
	status atomic.Pointer[status]
	drawn  chan Drawn

	mu      sync.Mutex // guards conns, origins, nextID, info
	conns   map[*conn]struct{}
	origins map[uint32]origin
	nextID  uint32
	info    Info

	shown, sent, skipped, drawnN atomic.Uint64
	audioSent, audioDropped      atomic.Uint64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// New validates p, listens and starts serving.
func New(ctx context.Context, p Params) (*Server, error) {
	if p.Geometry == nil {
		return nil, fmt.Errorf("%w: no display geometry", ErrParams)
	}
	if p.Addr == "" {
		p.Addr = "127.0.0.1:0"
	}
	if p.StaleAfter <= 0 {
		p.StaleAfter = time.Second
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	l := p.Light
	n := math.Sqrt(l.Dir[0]*l.Dir[0] + l.Dir[1]*l.Dir[1] + l.Dir[2]*l.Dir[2])
	if !(n > 0) || math.IsInf(n, 0) || !(l.Ambient >= 0 && l.Ambient <= 1) {
		return nil, fmt.Errorf("%w: light %+v", ErrParams, l)
	}
	cfg, err := configMessage(p, [3]float64{l.Dir[0] / n, l.Dir[1] / n, l.Dir[2] / n})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", p.Addr)
	if err != nil {
		return nil, fmt.Errorf("page: listen on %s: %w", p.Addr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Server{
		p: p, log: p.Logger, ln: ln, config: cfg,
		up:      websocket.Upgrader{ReadBufferSize: 4096, WriteBufferSize: 1 << 16},
		drawn:   make(chan Drawn, 64),
		conns:   map[*conn]struct{}{},
		origins: map[uint32]origin{},
		ctx:     ctx, cancel: cancel,
	}
	s.status.Store(&status{State: "waiting", Text: "Waiting for the stream"})
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		cancel()
		_ = ln.Close()
		return nil, fmt.Errorf("page: assets: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /", http.FileServerFS(sub))
	mux.HandleFunc("GET /ws", s.serveWS)
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	s.wg.Add(1)
	go s.run()
	s.log.Info("kiosk page serving", zap.String("url", s.URL()))
	return s, nil
}

func configMessage(p Params, light [3]float64) ([]byte, error) {
	g := p.Geometry
	bg := g.Config().Background
	return json.Marshal(struct {
		Type       string      `json:"type"`
		Clip       [16]float64 `json:"clip"`
		Light      [3]float64  `json:"light"`
		Ambient    float64     `json:"ambient"`
		Background [3]int      `json:"background"`
		StaleMs    int64       `json:"staleMs"`
	}{"config", g.ClipMatrix(), light, p.Light.Ambient, bg, p.StaleAfter.Milliseconds()})
}

func (s *Server) run() {
	defer s.wg.Done()
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.ln) }()
	select {
	case <-s.ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("page server stopped", zap.Error(err))
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.http.Shutdown(sctx)
	s.mu.Lock()
	for c := range s.conns {
		_ = c.ws.Close()
	}
	s.mu.Unlock()
	select {
	case <-errc:
	default:
	}
}

// URL is the page's address.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Drawn delivers the pages' drawn reports (dropped when not read).
func (s *Server) Drawn() <-chan Drawn { return s.drawn }

// Info returns what the pages reported.
func (s *Server) Info() Info {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.info
	i.AudioOnsetsNs = slices.Clone(i.AudioOnsetsNs)
	i.Pages = len(s.conns)
	return i
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	return Stats{Shown: s.shown.Load(), Sent: s.sent.Load(), Skipped: s.skipped.Load(), Drawn: s.drawnN.Load(),
		AudioSent: s.audioSent.Load(), AudioDropped: s.audioDropped.Load()}
}

// originsKept bounds the frame ids remembered for drawn reports: more than
// a slow page can fall behind by (half a minute at 30 models a second).
const originsKept = 1024

// Show makes m the model every page draws next; a page still busy with an
// older one skips to it.
func (s *Server) Show(m *model.Model) {
	s.mu.Lock()
	s.nextID++
	if s.nextID == 0 {
		s.nextID = 1
	}
	id := s.nextID
	s.origins[id] = origin{m.Source, m.Seq}
	delete(s.origins, id-originsKept)
	s.mu.Unlock()
	s.shown.Add(1)
	s.latest.Store(&frame{id: id, data: AppendFrame(nil, id, m)})
	s.wakeAll()
}

// SetStatus sets what the pages show when no person is drawn: state is
// one of waiting, connecting, rejected, stopped or live.
func (s *Server) SetStatus(state, text string) {
	if old := s.status.Load(); old.State == state && old.Text == text {
		return
	}
	s.status.Store(&status{State: state, Text: text})
	s.wakeAll()
}

func (s *Server) wakeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.wakeUp()
	}
}

// Close stops serving and closes every page's connection. Closing twice
// is safe.
func (s *Server) Close() error {
	s.once.Do(s.cancel)
	s.wg.Wait()
	return nil
}
