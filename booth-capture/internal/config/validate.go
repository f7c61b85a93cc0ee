package config

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"cloudme.dev/booth-capture/internal/presence"
	"cloudme.dev/booth-capture/internal/segment"
	"cloudme.dev/calibration/synth"
)

// Limits of the configuration.
const (
	MaxCameras = 64
	MaxCamID   = 1023
	MaxSide    = 8192
	MaxFPS     = 240
)

// Validate checks a filled config; every error names its field or camera.
func (c *Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf(format+": %w", append(a, ErrConfig)...))
	}
	if !validName(c.BoothID) {
		bad("booth_id %q: want 1 to 64 of [A-Za-z0-9._-]", c.BoothID)
	}
	if u, err := url.Parse(c.CloudURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("cloud_url %q: want an http or https URL", c.CloudURL)
	}
	if !(c.FPS > 0 && c.FPS <= MaxFPS) {
		bad("fps %g: want (0, %d]", c.FPS, MaxFPS)
	}
	if _, port, err := net.SplitHostPort(c.Listen); err != nil || port == "" {
		bad("listen %q: want host:port", c.Listen)
	}
	if c.Stall < 0 {
		bad("stall %v: negative", c.Stall)
	}
	if !(c.EngineDuty >= 0.5 && c.EngineDuty <= 1) {
		bad("engine_duty %g: want 0.5 to 1 (the share of the engine's time this booth's sets may take)", c.EngineDuty)
	}
	errs = append(errs, c.validateCameras()...)
	errs = append(errs, c.validateSynthetic()...)
	errs = append(errs, c.validatePipeline()...)
	errs = append(errs, c.validateAudio()...)
	errs = append(errs, c.validateICE()...)
	return errors.Join(errs...)
}

func (c *Config) validateCameras() []error {
	var errs []error
	bad := func(id uint32, format string, a ...any) {
		errs = append(errs, fmt.Errorf("camera %d: "+format+": %w", append(append([]any{id}, a...), ErrConfig)...))
	}
	if len(c.Cameras) == 0 || len(c.Cameras) > MaxCameras {
		return []error{fmt.Errorf("cameras: %d (want 1 to %d): %w", len(c.Cameras), MaxCameras, ErrConfig)}
	}
	seen := map[uint32]bool{}
	kinds := map[Kind]int{}
	dirs := map[string]bool{}
	for _, cam := range c.Cameras {
		if cam.ID > MaxCamID {
			bad(cam.ID, "id above %d", MaxCamID)
		}
		if seen[cam.ID] {
			bad(cam.ID, "id listed twice")
		}
		seen[cam.ID] = true
		src, err := ParseSource(cam.Source)
		if err != nil {
			errs = append(errs, fmt.Errorf("camera %d: %w", cam.ID, err))
			continue
		}
		kinds[src.Kind]++
		if src.Kind == Dir {
			dirs[src.Path] = true
		}
		if cam.Width < 0 || cam.Width > MaxSide || cam.Height < 0 || cam.Height > MaxSide || (cam.Width == 0) != (cam.Height == 0) {
			bad(cam.ID, "size %dx%d: want both 1 to %d, or both 0", cam.Width, cam.Height, MaxSide)
		}
		if !(cam.FPS >= 0 && cam.FPS <= MaxFPS) {
			bad(cam.ID, "fps %g: want 0 to %d", cam.FPS, MaxFPS)
		}
		if cam.FourCC != "" && (len(cam.FourCC) != 4 || strings.ContainsFunc(cam.FourCC, func(r rune) bool { return r < 0x20 || r > 0x7e })) {
			bad(cam.ID, "fourcc %q: want 4 printable characters", cam.FourCC)
		}
		if cam.Loop && src.Kind != File && src.Kind != Dir {
			bad(cam.ID, "loop is for file:// and dir:// sources")
		}
		if src.Kind == Synth && int(cam.ID) >= c.Synthetic.Cameras {
			bad(cam.ID, "the synthetic booth has cameras 0 to %d", c.Synthetic.Cameras-1)
		}
	}
	if n := kinds[Synth]; n > 0 && n < len(c.Cameras) {
		errs = append(errs, fmt.Errorf("cameras: synthetic:// cannot be mixed with other sources (one rig): %w", ErrConfig))
	}
	if len(dirs) > 1 {
		errs = append(errs, fmt.Errorf("cameras: dir:// sources name %d datasets (want one): %w", len(dirs), ErrConfig))
	}
	if c.Rig == "" && kinds[Synth]+kinds[Dir] < len(c.Cameras) {
		errs = append(errs, fmt.Errorf("rig: required for v4l2, file and rtsp cameras: %w", ErrConfig))
	}
	return errs
}

func (c *Config) validateSynthetic() []error {
	s := c.Synthetic
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("synthetic."+format+": %w", append(a, ErrConfig)...))
	}
	if s.Cameras < 1 || s.Cameras > synth.MaxCameras {
		bad("cameras %d: want 1 to %d", s.Cameras, synth.MaxCameras)
	}
	if _, _, err := ParseResolution(s.Resolution); err != nil {
		errs = append(errs, fmt.Errorf("synthetic.%w", err))
	}
	if _, err := synth.ParseMotion(s.Motion); err != nil {
		bad("motion %q: %v", s.Motion, err)
	}
	if s.EmptyFor < 0 {
		bad("empty_for %v: negative", s.EmptyFor)
	}
	if !(s.Noise >= 0 && s.Noise <= 50) {
		bad("noise %g: want 0 to 50", s.Noise)
	}
	if !(s.Jitter >= 0 && s.Jitter <= 0.05) {
		bad("jitter %g: want 0 to 0.05 s", s.Jitter)
	}
	if s.Replay < 0 {
		bad("replay %v: negative", s.Replay)
	} else if s.Replay > 0 {
		w, h, err := ParseResolution(s.Resolution)
		if err == nil && c.FPS > 0 {
			n := ReplayInstants(s.Replay, c.FPS)
			if need := float64(n) * float64(s.Cameras) * float64(w*h*3); need > MaxReplayBytes {
				bad("replay %v: %d instants of %d cameras at %dx%d need %.1f GiB, more than %d GiB: shorten it",
					s.Replay, n, s.Cameras, w, h, need/(1<<30), MaxReplayBytes>>30)
			}
		}
	}
	return errs
}

func (c *Config) validatePipeline() []error {
	var errs []error
	if _, err := c.SegmentParams().WithDefaults(); err != nil {
		errs = append(errs, fmt.Errorf("segmentation: %v: %w", err, ErrConfig))
	}
	s := c.Segmentation
	if s.Downscale < 0 || s.Downscale > 8 {
		errs = append(errs, fmt.Errorf("segmentation.downscale %d: want 0 to 8: %w", s.Downscale, ErrConfig))
	}
	if s.JPEGQuality < 0 || s.JPEGQuality > 100 {
		errs = append(errs, fmt.Errorf("segmentation.jpeg_quality %d: want 0 to 100: %w", s.JPEGQuality, ErrConfig))
	}
	if s.Workers < 0 || s.Workers > 64 {
		errs = append(errs, fmt.Errorf("segmentation.workers %d: want 0 to 64: %w", s.Workers, ErrConfig))
	}
	if _, err := c.PresenceParams().WithDefaults(); err != nil {
		errs = append(errs, fmt.Errorf("presence: %v: %w", err, ErrConfig))
	}
	return errs
}

// SegmentParams are the segmentation options as segment.Params.
func (c *Config) SegmentParams() segment.Params {
	s := c.Segmentation
	return segment.Params{Method: segment.Method(s.Method), Downscale: s.Downscale, PlateFrames: s.PlateFrames}
}

// PresenceParams are the presence options as presence.Params.
func (c *Config) PresenceParams() presence.Params {
	p := c.Presence
	return presence.Params{MinFraction: p.MinFraction, MinCameras: p.MinCameras, EnterSets: p.EnterSets, Grace: p.Grace}
}

// ParseResolution reads 720p, 1080p, 4k or WxH.
func ParseResolution(s string) (w, h int, err error) {
	switch s {
	case "720p":
		return 1280, 720, nil
	case "1080p":
		return 1920, 1080, nil
	case "4k":
		return 3840, 2160, nil
	}
	ws, hs, ok := strings.Cut(s, "x")
	w, errW := strconv.Atoi(ws)
	h, errH := strconv.Atoi(hs)
	if !ok || errW != nil || errH != nil || w < 16 || h < 16 || w > MaxSide || h > MaxSide {
		return 0, 0, fmt.Errorf("resolution %q: want 720p, 1080p, 4k or WxH (16 to %d): %w", s, MaxSide, ErrConfig)
	}
	return w, h, nil
}

// validName is the wire's rule for names.
func validName(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// ReplayInstants is how many instants synthetic.replay d holds at fps
// (at least one).
func ReplayInstants(d time.Duration, fps float64) int {
	return max(1, int(math.Round(d.Seconds()*fps)))
}
