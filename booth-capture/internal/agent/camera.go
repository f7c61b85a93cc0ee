package agent

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/ops"
	"cloudme.dev/booth-capture/internal/source"
)

// camera is one camera's goroutine state; its counters are read by
// Snapshot under mu.
type camera struct {
	id            uint32
	width, height int
	log           *zap.Logger

	mu          sync.Mutex
	state       string
	frames      uint64
	errors      uint64
	restarts    uint64
	dropped     uint64 // by sources already closed
	srcDropped  func() uint64
	lastFrameNs int64
	fps         float64
	lastErr     string
}

func (c *camera) status(nowNs int64, stall time.Duration) ops.CameraStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := ops.CameraStatus{ID: c.id, State: c.state, FPS: c.fps, Frames: c.frames, Errors: c.errors, Restarts: c.restarts,
		Dropped: c.dropped, LastFrameNs: c.lastFrameNs, LastError: c.lastErr}
	if c.srcDropped != nil {
		s.Dropped += c.srcDropped()
	}
	if s.State == ops.StateOK && nowNs-c.lastFrameNs > int64(stall) {
		s.State, s.FPS = ops.StateStalled, 0
	}
	return s
}

func (c *camera) delivered(f *frame.Frame, nowNs int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lastFrameNs > 0 && nowNs > c.lastFrameNs {
		inst := 1e9 / float64(nowNs-c.lastFrameNs)
		if c.fps == 0 {
			c.fps = inst
		} else {
			c.fps += 0.1 * (inst - c.fps)
		}
	}
	if c.state != ops.StateOK && c.state != ops.StateStarting {
		c.log.Info("camera recovered")
	}
	c.state, c.lastFrameNs = ops.StateOK, nowNs
	c.frames++
}

func (c *camera) failed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state, c.lastErr, c.fps = ops.StateDegraded, err.Error(), 0
	c.errors++
}

// setSource tracks the open source's drop counter.
func (c *camera) setSource(s source.Source) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.srcDropped != nil {
		c.dropped += c.srcDropped()
		c.srcDropped = nil
	}
	if d, ok := s.(source.Dropper); ok {
		c.srcDropped = d.Dropped
	}
}

// runCamera reads camera c until ctx ends, re-opening its source with
// exponential backoff (jittered, capped) after every failure.
func (a *Agent) runCamera(ctx context.Context, c *camera) {
	backoff := a.p.MinBackoff
	for ctx.Err() == nil {
		err := a.readCamera(ctx, c, &backoff)
		if ctx.Err() != nil {
			return
		}
		c.failed(err)
		wait := time.Duration(float64(backoff) * (0.75 + 0.5*rand.Float64()))
		c.log.Warn("camera failed, the booth carries on without it", zap.Error(err), zap.Duration("retry_in", wait))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		backoff = min(2*backoff, a.p.MaxBackoff)
		c.mu.Lock()
		c.restarts++
		c.mu.Unlock()
	}
}

// readCamera opens the source and reads until it fails.
func (a *Agent) readCamera(ctx context.Context, c *camera, backoff *time.Duration) error {
	src, err := a.p.Opener.Open(ctx, c.id)
	if err != nil {
		return fmt.Errorf("open camera %d: %w", c.id, err)
	}
	c.setSource(src)
	defer func() {
		c.setSource(nil)
		_ = src.Close()
	}()
	for {
		f, err := src.Read(ctx)
		if err != nil {
			return fmt.Errorf("read camera %d: %w", c.id, err)
		}
		if f.Width != c.width || f.Height != c.height {
			return fmt.Errorf("camera %d delivers %dx%d, rig says %dx%d: %w", c.id, f.Width, f.Height, c.width, c.height, ErrFrameSize)
		}
		if err := f.Check(); err != nil {
			return err
		}
		f.CameraID = c.id
		c.delivered(&f, time.Now().UnixNano())
		*backoff = a.p.MinBackoff
		select {
		case a.frames <- f:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
