package source

import (
	"context"
	"time"

	"cloudme.dev/booth-capture/internal/frame"
)

// Source is one camera. Read and Close are called from one goroutine (the
// camera's).
type Source interface {
	// Read blocks until the next frame is due and returns it, stamped with
	// its capture time; it returns early with ctx's error.
	Read(ctx context.Context) (frame.Frame, error)
	Close() error
}

// Dropper is implemented by sources that skip frames when the reader falls
// behind (latest wins).
type Dropper interface {
	Dropped() uint64
}

// sleepUntil waits until t or ctx is done.
func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}
