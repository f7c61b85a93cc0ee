package headless

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/proto/pb"
)

// WorkerParams configure a Worker.
type WorkerParams struct {
	Renderer *Renderer
	// Dir receives the snapshots (snapshot-<unix ms>.png and latest.png);
	// empty: Snapshot requests are refused.
	Dir string
	// RenderEach renders every model as it comes (latest wins) and reports
	// each on Shown: the headless display. Otherwise models are only
	// rendered for snapshots.
	RenderEach bool
	Logger     *zap.Logger
}

// Shown says a model finished rendering at LocalNs (Unix ns).
type Shown struct {
	Source  string
	Seq     uint64
	LocalNs int64
}

// Worker owns a Renderer in its own goroutine: rendering a 4K frame takes
// tens of milliseconds and must not hold up the stream.
type Worker struct {
	p     WorkerParams
	log   *zap.Logger
	wake  chan struct{}
	shown chan Shown

	mu       sync.Mutex // guards the pending state
	current  *model.Model
	fresh    bool   // current not rendered yet
	status   string // shown instead of a person when not empty
	snapshot bool
	written  []string

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// NewWorker starts a worker.
func NewWorker(ctx context.Context, p WorkerParams) (*Worker, error) {
	if p.Renderer == nil {
		return nil, fmt.Errorf("%w: no renderer", ErrParams)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &Worker{p: p, log: p.Logger, wake: make(chan struct{}, 1), shown: make(chan Shown, 16), cancel: cancel, done: make(chan struct{})}
	go w.run(ctx)
	return w, nil
}

// Shown delivers a report for each model rendered with RenderEach.
func (w *Worker) Shown() <-chan Shown { return w.shown }

// Show makes m the person to draw (latest wins) and clears any status.
func (w *Worker) Show(m *model.Model) {
	w.mu.Lock()
	w.current, w.fresh, w.status = m, true, ""
	w.mu.Unlock()
	w.poke()
}

// Clear removes the person and shows status instead (the stream stopped).
func (w *Worker) Clear(status string) {
	w.mu.Lock()
	changed := w.current != nil || w.status != status
	w.current, w.fresh, w.status = nil, false, status
	w.mu.Unlock()
	if changed && w.p.RenderEach {
		w.poke()
	}
}

// Snapshot asks for a PNG of what is shown now.
func (w *Worker) Snapshot() {
	w.mu.Lock()
	w.snapshot = true
	w.mu.Unlock()
	w.poke()
}

// Written returns the snapshot files written so far, oldest first.
func (w *Worker) Written() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.written...)
}

func (w *Worker) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Close stops the worker and waits for it. Closing twice is safe.
func (w *Worker) Close() error {
	w.once.Do(w.cancel)
	<-w.done
	return nil
}

func (w *Worker) run(ctx context.Context) {
	defer close(w.done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		}
		w.mu.Lock()
		m, fresh, status, snap := w.current, w.fresh, w.status, w.snapshot
		w.fresh, w.snapshot = false, false
		w.mu.Unlock()
		if !w.p.RenderEach && !snap {
			continue
		}
		if _, err := w.p.Renderer.Render(m); err != nil {
			w.log.Error("software render failed", zap.Error(err))
			continue
		}
		if w.p.RenderEach && fresh && m != nil {
			now := time.Now().UnixNano()
			// One line per model at debug level: what the end-to-end
			// benchmark and drills read to time every displayed frame and
			// each of its stages.
			if ce := w.log.Check(zap.DebugLevel, "model shown"); ce != nil {
				ce.Write(zap.String("source", m.Source), zap.Uint64("seq", m.Seq), zap.Int64("capture_ns", m.CaptureNs),
					zap.Int64("received_ns", m.ReceivedNs), zap.Int64("decoded_ns", m.DecodedNs), zap.Int64("shown_ns", now),
					zap.Object("stages", stageTimes(m.Stages)), zap.Int("mesh_bytes", m.MeshBytes))
			}
			select {
			case w.shown <- Shown{Source: m.Source, Seq: m.Seq, LocalNs: now}:
			default:
			}
		}
		if snap {
			w.write(status)
		}
	}
}

func (w *Worker) write(status string) {
	if w.p.Dir == "" {
		w.log.Warn("snapshot requested without a snapshot directory")
		return
	}
	img := w.p.Renderer.Image(status)
	path := filepath.Join(w.p.Dir, fmt.Sprintf("snapshot-%d.png", time.Now().UnixMilli()))
	if err := WritePNG(path, img); err != nil {
		w.log.Error("snapshot not written", zap.Error(err))
		return
	}
	if err := WritePNG(filepath.Join(w.p.Dir, "latest.png"), img); err != nil {
		w.log.Error("snapshot not written", zap.Error(err))
	}
	w.mu.Lock()
	w.written = append(w.written, path)
	w.mu.Unlock()
	w.log.Info("snapshot written", zap.String("path", path), zap.String("status", status))
}

// stageTimes logs a frame's stage times as an object of stage name
// (lower case, "hull", "mesh_encode") to done time in Unix ns.
type stageTimes []*pb.StageTime

func (st stageTimes) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	for _, s := range st {
		enc.AddInt64(stageName(s.GetStage()), s.GetDoneNs())
	}
	return nil
}

// stageName is the name a stage has in the "model shown" log line: its
// enum name in lower case without the STAGE_ prefix.
func stageName(s pb.Stage) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "STAGE_"))
}
