package chrome

import (
	"context"
	"fmt"
	"os/exec"
	"sync"
	"time"

	"go.uber.org/zap"
)

// KioskArgs is the command line that shows url full screen with no browser
// interface, no first-run dialogs, no translation or crash bubbles, and
// autoplay and GPU rasterisation allowed.
func KioskArgs(url, userDataDir string) []string {
	return []string{
		"--kiosk", "--app=" + url,
		"--user-data-dir=" + userDataDir,
		"--no-first-run", "--no-default-browser-check",
		"--disable-translate", "--disable-features=Translate",
		"--disable-session-crashed-bubble", "--disable-infobars",
		"--noerrdialogs", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--autoplay-policy=no-user-gesture-required",
		"--enable-gpu-rasterization", "--ignore-gpu-blocklist",
	}
}

// KioskParams configure a Kiosk.
type KioskParams struct {
	Binary string
	Args   []string
	Logger *zap.Logger
	// Restart is the delay before restarting a browser that exited, doubled
	// (up to a minute) while it keeps dying within a minute of starting.
	Restart time.Duration
}

// Kiosk keeps the browser running: it restarts it whenever it exits.
type Kiosk struct {
	p      KioskParams
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
	mu     sync.Mutex
	starts int
}

// StartKiosk starts the browser under supervision.
func StartKiosk(ctx context.Context, p KioskParams) (*Kiosk, error) {
	if p.Binary == "" {
		return nil, fmt.Errorf("%w: no binary", ErrNotFound)
	}
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	if p.Restart <= 0 {
		p.Restart = time.Second
	}
	ctx, cancel := context.WithCancel(ctx)
	k := &Kiosk{p: p, cancel: cancel, done: make(chan struct{})}
	go k.run(ctx)
	return k, nil
}

// Starts says how many times the browser was started.
func (k *Kiosk) Starts() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.starts
}

func (k *Kiosk) run(ctx context.Context) {
	defer close(k.done)
	wait := k.p.Restart
	for ctx.Err() == nil {
		cmd := exec.CommandContext(ctx, k.p.Binary, k.p.Args...)
		cmd.WaitDelay = 3 * time.Second
		began := time.Now()
		k.mu.Lock()
		k.starts++
		k.mu.Unlock()
		err := cmd.Run()
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > time.Minute {
			wait = k.p.Restart
		}
		k.p.Logger.Error("kiosk browser exited; restarting", zap.Error(err), zap.Duration("after", time.Since(began)), zap.Duration("restart_in", wait))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}

// Close stops the browser and waits. Closing twice is safe.
func (k *Kiosk) Close() error {
	k.once.Do(k.cancel)
	<-k.done
	return nil
}
