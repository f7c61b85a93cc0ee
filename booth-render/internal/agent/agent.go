package agent

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-render/internal/audio"
	"cloudme.dev/booth-render/internal/chrome"
	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/headless"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/booth-render/internal/page"
	"cloudme.dev/booth-render/internal/subscribe"
)

// Params configure the agent.
type Params struct {
	Geometry  *display.Geometry
	Subscribe subscribe.Params
	// Headless draws with the software renderer instead of a page: each
	// model is rendered at the screen's resolution and its display time is
	// when the render finished.
	Headless bool
	// Listen is the page server's address (default 127.0.0.1:0).
	Listen string
	// Kiosk starts Chromium full screen on the page, restarted if it dies.
	Kiosk    bool
	Chromium string
	// SnapshotEvery writes a PNG of the display to SnapshotDir this often
	// (0: never).
	SnapshotEvery time.Duration
	SnapshotDir   string
	// StaleAfter clears the person this long after the last model
	// (default 1 s).
	StaleAfter time.Duration
	// PageAudio plays the booths' audio on the kiosk page (not in
	// headless mode); AudioDir, when set, plays it into files there
	// (audio.FileSink: Ogg Opus per booth and a schedule of play and
	// display times). Either way, in step with the pictures.
	PageAudio bool
	AudioDir  string
	Logger    *zap.Logger
}

// Agent is a running booth-render.
type Agent struct {
	p       Params
	log     *zap.Logger
	sub     *subscribe.Subscriber
	page    *page.Server // nil when headless
	worker  *headless.Worker
	kiosk   *chrome.Kiosk
	player  *audio.Player // nil without audio
	playout playout
	// lateDropped counts pictures dropped as too late for their sound.
	lateDropped atomic.Uint64
	cancel      context.CancelFunc
	done        chan struct{}
	once        sync.Once
}

// New validates p and starts everything.
func New(ctx context.Context, p Params) (*Agent, error) {
	if p.Geometry == nil {
		return nil, fmt.Errorf("%w: no display geometry", ErrParams)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.StaleAfter <= 0 {
		p.StaleAfter = time.Second
	}
	if p.SnapshotEvery < 0 || (p.SnapshotEvery > 0 && p.SnapshotDir == "") {
		return nil, fmt.Errorf("%w: periodic snapshots need a positive interval and a directory", ErrParams)
	}
	if p.Headless && p.Kiosk {
		return nil, fmt.Errorf("%w: --kiosk shows the page, which --headless does not serve", ErrParams)
	}
	if p.SnapshotDir != "" {
		if err := os.MkdirAll(p.SnapshotDir, 0o755); err != nil {
			return nil, fmt.Errorf("%w: snapshot directory: %w", ErrParams, err)
		}
	}
	if _, err := p.Subscribe.Target.URL(p.Subscribe.Cloud); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	a := &Agent{p: p, log: p.Logger, cancel: cancel, done: make(chan struct{})}
	if err := a.start(ctx); err != nil {
		cancel()
		a.closeParts()
		return nil, err
	}
	go a.run(ctx)
	return a, nil
}

// start starts the parts; on error the caller closes those started.
func (a *Agent) start(ctx context.Context) error {
	p := a.p
	var err error
	if p.Headless || p.SnapshotEvery > 0 {
		r, err := headless.NewRenderer(p.Geometry, 0, 0, 0)
		if err != nil {
			return err
		}
		if a.worker, err = headless.NewWorker(ctx, headless.WorkerParams{Renderer: r, Dir: p.SnapshotDir, RenderEach: p.Headless, Logger: p.Logger.Named("headless")}); err != nil {
			return err
		}
	}
	if !p.Headless {
		a.page, err = page.New(ctx, page.Params{Addr: p.Listen, Geometry: p.Geometry, Light: display.Light(), StaleAfter: p.StaleAfter, Logger: p.Logger.Named("page")})
		if err != nil {
			return err
		}
	}
	if p.Kiosk {
		bin, err := chrome.Find(p.Chromium)
		if err != nil {
			return err
		}
		profile, err := os.MkdirTemp("", "booth-render-kiosk-")
		if err != nil {
			return fmt.Errorf("kiosk profile: %w", err)
		}
		if a.kiosk, err = chrome.StartKiosk(ctx, chrome.KioskParams{Binary: bin, Args: chrome.KioskArgs(a.page.URL(), profile), Logger: p.Logger.Named("kiosk")}); err != nil {
			return err
		}
	}
	sp := p.Subscribe
	if sp.Logger == nil {
		sp.Logger = p.Logger.Named("subscribe")
	}
	var sinks audio.Tee
	if p.PageAudio && a.page != nil {
		sinks = append(sinks, a.page.AudioSink())
	}
	if p.AudioDir != "" {
		sink, err := audio.NewFileSink(p.AudioDir)
		if err != nil {
			return err
		}
		sinks = append(sinks, sink)
	}
	if len(sinks) > 0 {
		if a.player, err = audio.New(ctx, audio.Params{Sink: sinks, Logger: p.Logger.Named("audio")}); err != nil {
			_ = sinks.Close()
			return err
		}
		sp.Audio = a.player
	}
	a.sub, err = subscribe.New(ctx, sp)
	return err
}

// PageURL is the kiosk page's address ("" when headless).
func (a *Agent) PageURL() string {
	if a.page == nil {
		return ""
	}
	return a.page.URL()
}

// Done is closed when the agent has stopped.
func (a *Agent) Done() <-chan struct{} { return a.done }

// Close stops everything and waits. Closing twice is safe.
func (a *Agent) Close() error {
	a.once.Do(a.cancel)
	<-a.done
	return nil
}

func (a *Agent) closeParts() {
	if a.sub != nil {
		_ = a.sub.Close()
	}
	if a.kiosk != nil {
		_ = a.kiosk.Close()
	}
	if a.page != nil {
		_ = a.page.Close()
	}
	if a.worker != nil {
		_ = a.worker.Close()
	}
	if a.player != nil {
		_ = a.player.Close()
		a.player.Wait()
	}
}

func (a *Agent) run(ctx context.Context) {
	defer close(a.done)
	defer a.closeParts()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	var snap <-chan time.Time
	if a.p.SnapshotEvery > 0 {
		t := time.NewTicker(a.p.SnapshotEvery)
		defer t.Stop()
		snap = t.C
	}
	var drawn <-chan page.Drawn
	if a.page != nil {
		drawn = a.page.Drawn()
	}
	var shown <-chan headless.Shown
	if a.worker != nil {
		shown = a.worker.Shown()
	}
	var (
		source    string // the booth on screen
		lastModel time.Time
		lastState string
		// captures remembers the capture times (cloud clock) of the
		// models handed to the display, for the audio's picture latency.
		captures = map[shownKey]int64{}
		// held is a model waiting for its display time (with audio:
		// pictures are shown at a steady latency, see playout).
		held []heldModel
		hold = time.NewTimer(time.Hour)
	)
	defer hold.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-a.sub.Models():
			now := time.Now()
			stale := lastModel.IsZero() || now.Sub(lastModel) > a.p.StaleAfter
			if m.Source != source && !stale {
				// One person at a time: another booth's models wait until
				// the one on screen stops.
				continue
			}
			if m.Source != source {
				a.log.Info("showing booth", zap.String("source", m.Source))
			}
			source, lastModel = m.Source, now
			if a.player == nil || !a.player.Hearing() {
				a.show(m)
				continue
			}
			if len(captures) > 64 {
				clear(captures)
			}
			captures[shownKey{m.Source, m.Seq}] = m.CaptureNs
			switch at, what := a.playout.due(m, a.sub.ToLocal, now.UnixNano()); what {
			case holdUntil:
				held = append(held, heldModel{m, at})
				if len(held) == 1 {
					hold.Reset(time.Duration(at - now.UnixNano()))
				}
				continue
			case dropLate:
				a.lateDropped.Add(1)
				a.log.Debug("dropping a picture too late for its sound", zap.String("source", m.Source), zap.Uint64("seq", m.Seq))
				continue
			}
			held = held[:0] // older than a model due now: latest wins
			a.show(m)
		case <-hold.C:
			// Show the newest model that is due; older ones due with it
			// are dropped (latest wins).
			now := time.Now().UnixNano()
			k := 0
			for k < len(held) && held[k].at <= now {
				k++
			}
			if k > 0 {
				a.show(held[k-1].m)
				held = append(held[:0], held[k:]...)
			}
			if len(held) > 0 {
				hold.Reset(time.Duration(held[0].at - now))
			}
		case d := <-drawn:
			a.sub.Shown(d.Source, d.Seq, d.LocalNs)
			a.displayed(captures, d.Source, d.Seq, d.LocalNs)
		case s := <-shown:
			a.sub.Shown(s.Source, s.Seq, s.LocalNs)
			a.displayed(captures, s.Source, s.Seq, s.LocalNs)
		case <-snap:
			a.worker.Snapshot()
		case now := <-tick.C:
			state, text := statusFor(a.sub.State(), lastModel, now, a.p.StaleAfter)
			if a.page != nil {
				a.page.SetStatus(state, text)
			}
			if state != "live" && a.worker != nil {
				a.worker.Clear(text)
			}
			if state != lastState {
				a.log.Info("display status", zap.String("state", state), zap.String("text", text))
				lastState = state
			}
		}
	}
}

func (a *Agent) show(m *model.Model) {
	if a.page != nil {
		a.page.Show(m)
	}
	if a.worker != nil {
		a.worker.Show(m)
	}
}

type shownKey struct {
	source string
	seq    uint64
}

// displayed tells the audio player a picture's capture-to-display
// latency, on this machine's clock.
func (a *Agent) displayed(captures map[shownKey]int64, source string, seq uint64, localNs int64) {
	if a.player == nil {
		return
	}
	k := shownKey{source, seq}
	cloudNs, ok := captures[k]
	if !ok {
		return
	}
	delete(captures, k)
	if capture, ok := a.sub.ToLocal(cloudNs); ok {
		a.player.Displayed(source, seq, capture, localNs)
	}
}
