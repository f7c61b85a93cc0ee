package audio

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gen2brain/malgo"
	"go.uber.org/zap/zaptest"
)

// The device path through miniaudio's null backend (no sound card here:
// it captures silence in real time): blocks of 10 ms, stamped on the
// capture clock 10 ms apart, near the wall clock.
func TestMicOnTheNullBackend(t *testing.T) {
	m, err := OpenMic(MicParams{Backends: []malgo.Backend{NullBackend}, Logger: zaptest.NewLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var prev Block
	for i := range 20 {
		b, err := m.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Samples) != BlockSamples || b.CaptureNs%gridNs != 0 {
			t.Fatalf("block %d: %d samples at %d", i, len(b.Samples), b.CaptureNs)
		}
		// Near the wall clock; the null backend's pace is loose (it runs a
		// period early at times), hence the margin the other way too.
		if d := time.Since(time.Unix(0, b.CaptureNs)); d < -50*time.Millisecond || d > 2*time.Second {
			t.Fatalf("block %d captured %v ago", i, d)
		}
		if i > 0 && m.Reanchored() == 0 && b.CaptureNs-prev.CaptureNs != BlockNs {
			t.Fatalf("block %d: %v after the previous one", i, time.Duration(b.CaptureNs-prev.CaptureNs))
		}
		prev = b
	}
	_ = m.Close()
	if _, err := m.Read(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("read after close: %v", err)
	}
	_ = m.Close() // twice is safe
}

func TestMicRefusesAnUnknownDevice(t *testing.T) {
	_, err := OpenMic(MicParams{Device: "no such microphone", Backends: []malgo.Backend{NullBackend}})
	if !errors.Is(err, ErrParams) {
		t.Fatalf("got %v", err)
	}
}
