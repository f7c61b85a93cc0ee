package audio

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gen2brain/malgo"
	"go.uber.org/zap"
)

// MicParams choose a microphone.
type MicParams struct {
	// Device picks the capture device whose name contains it; empty: the
	// system's default.
	Device string
	// Backends to try, in order (nil: miniaudio's order for the platform:
	// PulseAudio, then ALSA, on Linux). Tests use NullBackend.
	Backends []malgo.Backend
	Logger   *zap.Logger
}

// NullBackend is miniaudio's null backend (silence at the real-time
// pace, no sound card needed), for tests. malgo v0.11.24's BackendNull
// (13) is miniaudio's ma_backend_custom: miniaudio added the custom
// backend before null, which is 14.
const NullBackend = malgo.Backend(14)

// micQueue is how many blocks wait for the reader before the newest are
// dropped (500 ms).
const micQueue = 50

// reanchorAfter: when the device's sample count and the wall clock
// disagree by more than this (an overrun, a device clock drifting from the
// system's), the capture times start again from the wall clock.
const reanchorAfter = 20 * time.Millisecond

// Mic captures a microphone through miniaudio (gen2brain/malgo): 48 kHz
// mono 16-bit, in blocks of 10 ms. A block's capture time counts samples
// from the first callback's, which is the wall clock at that callback
// minus the frames it delivered; the device's own input latency, which
// miniaudio does not report, is not subtracted (a few ms on ALSA with
// default periods).
type Mic struct {
	log     *zap.Logger
	ctx     *malgo.AllocatedContext
	dev     *malgo.Device
	blocks  chan Block
	closed  chan struct{}
	once    sync.Once
	dropped atomic.Uint64
	anchors atomic.Uint64

	// Owned by the device's callback (one at a time).
	pending []int16
	start   int64 // capture time of pending[0]; 0 before the first callback
}

// OpenMic starts capturing.
func OpenMic(p MicParams) (*Mic, error) {
	if p.Logger == nil {
		p.Logger = zap.NewNop()
	}
	m := &Mic{log: p.Logger, blocks: make(chan Block, micQueue), closed: make(chan struct{})}
	ctx, err := malgo.InitContext(p.Backends, malgo.ContextConfig{}, func(msg string) {
		p.Logger.Debug("miniaudio", zap.String("message", strings.TrimSpace(msg)))
	})
	if err != nil {
		return nil, fmt.Errorf("audio: microphone: %w", err)
	}
	m.ctx = ctx
	cfg := malgo.DefaultDeviceConfig(malgo.Capture)
	cfg.Capture.Format = malgo.FormatS16
	cfg.Capture.Channels = 1
	cfg.SampleRate = SampleRate
	cfg.PeriodSizeInMilliseconds = 10
	if p.Device != "" {
		devs, err := ctx.Devices(malgo.Capture)
		if err != nil {
			m.free()
			return nil, fmt.Errorf("audio: listing microphones: %w", err)
		}
		var names []string
		for i := range devs {
			names = append(names, devs[i].Name())
			if strings.Contains(devs[i].Name(), p.Device) {
				cfg.Capture.DeviceID = devs[i].ID.Pointer()
				break
			}
		}
		if cfg.Capture.DeviceID == nil {
			m.free()
			return nil, fmt.Errorf("%w: no microphone named like %q (have %q)", ErrParams, p.Device, names)
		}
	}
	dev, err := malgo.InitDevice(ctx.Context, cfg, malgo.DeviceCallbacks{Data: m.onData})
	if err != nil {
		m.free()
		return nil, fmt.Errorf("audio: microphone: %w", err)
	}
	m.dev = dev
	if err := dev.Start(); err != nil {
		m.free()
		return nil, fmt.Errorf("audio: start microphone: %w", err)
	}
	p.Logger.Info("microphone open", zap.Uint32("rate", dev.SampleRate()), zap.Uint32("channels", dev.CaptureChannels()))
	return m, nil
}

// onData runs on miniaudio's thread: it cuts the samples into blocks and
// queues them, dropping (and counting) what the reader has no room for.
func (m *Mic) onData(_, in []byte, frames uint32) {
	now := time.Now().UnixNano()
	n := int(frames)
	if len(in) < 2*n {
		n = len(in) / 2
	}
	samples := unsafe.Slice((*int16)(unsafe.Pointer(unsafe.SliceData(in))), n)
	// The first sample of this callback was captured n samples ago.
	first := now - int64(n)*1e9/SampleRate
	expected := m.start + int64(len(m.pending))*1e9/SampleRate
	if m.start == 0 || abs64(first-expected) > int64(reanchorAfter) {
		if m.start != 0 {
			m.anchors.Add(1)
		}
		m.pending = m.pending[:0]
		m.start = AlignNs(first)
	}
	m.pending = append(m.pending, samples...)
	for len(m.pending) >= BlockSamples {
		b := Block{Samples: append([]int16(nil), m.pending[:BlockSamples]...), CaptureNs: m.start}
		m.pending = append(m.pending[:0], m.pending[BlockSamples:]...)
		m.start += BlockNs
		select {
		case m.blocks <- b:
		default:
			m.dropped.Add(1)
		}
	}
}

// Read returns the next block.
func (m *Mic) Read(ctx context.Context) (Block, error) {
	select {
	case <-m.closed:
		return Block{}, ErrClosed
	default:
	}
	select {
	case b := <-m.blocks:
		return b, nil
	case <-m.closed:
		return Block{}, ErrClosed
	case <-ctx.Done():
		return Block{}, ctx.Err()
	}
}

// Dropped counts blocks lost because the reader fell behind.
func (m *Mic) Dropped() uint64 { return m.dropped.Load() }

// Reanchored counts the times the capture clock was set again from the
// wall clock.
func (m *Mic) Reanchored() uint64 { return m.anchors.Load() }

// Close stops the device. Safe twice.
func (m *Mic) Close() error {
	m.once.Do(func() {
		close(m.closed)
		m.free()
	})
	return nil
}

func (m *Mic) free() {
	if m.dev != nil {
		m.dev.Uninit()
		m.dev = nil
	}
	if m.ctx != nil {
		_ = m.ctx.Uninit()
		m.ctx.Free()
		m.ctx = nil
	}
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
