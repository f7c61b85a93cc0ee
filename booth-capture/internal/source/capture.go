package source

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"gocv.io/x/gocv"

	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/frame"
)

// capture reads a v4l2 device, a video file or an RTSP stream through
// gocv's VideoCapture. Devices and streams pace themselves; a file is
// paced at its frame rate and skips frames when the reader falls behind.
//
// A file's frames are shown on a grid of the wall clock, at multiples of
// its period, and stamped with their grid instant rather than with the
// end of their decode: every file of a recorded rig at one frame rate
// then delivers its frame n at the same instant, as a genlocked rig
// would, whatever the moment each file was opened and however long each
// decode took on a loaded machine. (Stamped after decode, files opened
// tens of milliseconds apart drift past the synchronizer's half-period
// tolerance and their frame sets split.)
type capture struct {
	cam      config.Camera
	kind     config.Kind
	vc       *gocv.VideoCapture
	bgr, rgb gocv.Mat
	period   time.Duration // file pacing
	epochNs  int64         // file: the grid instant of frame 0
	n        int64         // file frames consumed since epochNs
	dropped  atomic.Uint64
}

func openCapture(cam config.Camera, u config.SourceURI) (*capture, error) {
	var api gocv.VideoCaptureAPI
	switch u.Kind {
	case config.V4L2:
		api = gocv.VideoCaptureV4L2
	case config.RTSP, config.File:
		api = gocv.VideoCaptureFFmpeg
	}
	vc, err := gocv.OpenVideoCaptureWithAPI(u.Path, api)
	if err != nil || !vc.IsOpened() {
		if vc != nil {
			_ = vc.Close()
		}
		return nil, fmt.Errorf("camera %d: %s: %w", cam.ID, redact(u), ErrOpen)
	}
	c := &capture{cam: cam, kind: u.Kind, vc: vc, bgr: gocv.NewMat(), rgb: gocv.NewMat()}
	if u.Kind == config.File {
		fps := cam.FPS
		if fps <= 0 {
			fps = vc.Get(gocv.VideoCaptureFPS)
		}
		if !(fps > 0 && fps <= config.MaxFPS) {
			fps = config.DefaultFPS
		}
		c.period = time.Duration(float64(time.Second) / fps)
		c.epochNs = gridAfter(time.Now().UnixNano(), int64(c.period))
		return c, nil
	}
	// Asked of devices and streams; a device may not honour them (the
	// agent then reports the size it got).
	if cam.FourCC != "" {
		vc.Set(gocv.VideoCaptureFOURCC, vc.ToCodec(cam.FourCC))
	}
	if cam.Width > 0 {
		vc.Set(gocv.VideoCaptureFrameWidth, float64(cam.Width))
		vc.Set(gocv.VideoCaptureFrameHeight, float64(cam.Height))
	}
	if cam.FPS > 0 {
		vc.Set(gocv.VideoCaptureFPS, cam.FPS)
	}
	vc.Set(gocv.VideoCaptureBufferSize, 1) // latest frame, not a queue
	return c, nil
}

// redact keeps credentials of an rtsp URL out of errors and logs.
func redact(u config.SourceURI) string {
	if u.Kind != config.RTSP {
		return string(u.Kind) + "://" + u.Path
	}
	return "rtsp://…"
}

func (c *capture) Read(ctx context.Context) (frame.Frame, error) {
	if c.vc == nil {
		return frame.Frame{}, ErrClosed
	}
	var stamp int64
	if c.period > 0 {
		p := int64(c.period)
		if err := sleepUntil(ctx, time.Unix(0, c.epochNs+c.n*p)); err != nil {
			return frame.Frame{}, err
		}
		if behind := (time.Now().UnixNano()-c.epochNs)/p - c.n; behind > 0 {
			c.vc.Grab(int(behind)) // latest wins
			c.n += behind
			c.dropped.Add(uint64(behind))
		}
		stamp = c.epochNs + c.n*p
	} else if err := ctx.Err(); err != nil {
		return frame.Frame{}, err
	}
	ok := c.vc.Read(&c.bgr)
	if (!ok || c.bgr.Empty()) && c.kind == config.File && c.cam.Loop {
		c.vc.Set(gocv.VideoCapturePosFrames, 0)
		ok = c.vc.Read(&c.bgr)
	}
	if c.period == 0 {
		stamp = time.Now().UnixNano()
	}
	if !ok || c.bgr.Empty() {
		if c.kind == config.File {
			return frame.Frame{}, fmt.Errorf("camera %d: end of file: %w", c.cam.ID, ErrEOF)
		}
		return frame.Frame{}, fmt.Errorf("camera %d: no frame: %w", c.cam.ID, ErrRead)
	}
	c.n++
	if c.bgr.Channels() != 3 || c.bgr.Type() != gocv.MatTypeCV8UC3 {
		return frame.Frame{}, fmt.Errorf("camera %d: %d-channel frames of type %v: %w", c.cam.ID, c.bgr.Channels(), c.bgr.Type(), ErrRead)
	}
	gocv.CvtColor(c.bgr, &c.rgb, gocv.ColorBGRToRGB)
	return frame.Frame{CameraID: c.cam.ID, Width: c.rgb.Cols(), Height: c.rgb.Rows(), Pix: c.rgb.ToBytes(), CaptureNs: stamp}, nil
}

// gridAfter is the first multiple of period at or after ns.
func gridAfter(ns, period int64) int64 {
	return (ns + period - 1) / period * period
}

func (c *capture) Dropped() uint64 { return c.dropped.Load() }

func (c *capture) Close() error {
	if c.vc == nil {
		return nil
	}
	err := c.vc.Close()
	c.vc = nil
	_ = c.bgr.Close()
	_ = c.rgb.Close()
	return err
}
