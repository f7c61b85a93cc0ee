package config

import (
	"fmt"
	"strings"
)

// Audio chooses the booth's voice.
type Audio struct {
	// Source: "mic" (the default microphone, through miniaudio:
	// PulseAudio or ALSA), "mic://NAME" (the microphone whose name
	// contains NAME), "synthetic" (a tone bed with a click at each peak
	// of the synthetic person's wave; the default when the cameras are
	// synthetic), "wav://FILE" (16-bit PCM at 48 kHz, played as if live),
	// or "none" (the default otherwise).
	Source string `yaml:"source"`
	// Loop: a wav:// file starts again at its end.
	Loop bool `yaml:"loop"`
	// Muted starts the booth muted; the operator can unmute it.
	Muted bool `yaml:"muted"`
	// Volume is the linear gain, 0 to 2 (default 1).
	Volume *float64 `yaml:"volume"`
	// BitrateKbps is the Opus bitrate (default 32).
	BitrateKbps int `yaml:"bitrate_kbps"`
}

// Audio source kinds.
const (
	AudioNone      = "none"
	AudioSynthetic = "synthetic"
	AudioMic       = "mic"
	audioWAVPrefix = "wav://"
	audioMicPrefix = "mic://"
)

// MicDevice reports whether the source is a microphone, and which ("":
// the default).
func (a Audio) MicDevice() (name string, ok bool) {
	if a.Source == AudioMic {
		return "", true
	}
	return strings.CutPrefix(a.Source, audioMicPrefix)
}

// WAVPath returns the file of a wav:// source, or "".
func (a Audio) WAVPath() string {
	if p, ok := strings.CutPrefix(a.Source, audioWAVPrefix); ok {
		return p
	}
	return ""
}

// VolumeOrDefault is the configured volume, 1 when unset.
func (a Audio) VolumeOrDefault() float64 {
	if a.Volume == nil {
		return 1
	}
	return *a.Volume
}

// fillAudio sets the audio defaults: synthetic with the synthetic booth.
func (c *Config) fillAudio() {
	if c.Audio.Source != "" {
		return
	}
	c.Audio.Source = AudioNone
	if len(c.Cameras) > 0 {
		if u, err := ParseSource(c.Cameras[0].Source); err == nil && u.Kind == Synth {
			c.Audio.Source = AudioSynthetic
		}
	}
}

func (c *Config) validateAudio() []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("audio: "+format+": %w", append(a, ErrConfig)...))
	}
	a := c.Audio
	switch {
	case a.Source == AudioNone || a.Source == AudioSynthetic || a.Source == AudioMic:
	case strings.HasPrefix(a.Source, audioWAVPrefix):
		if a.WAVPath() == "" {
			bad("source %q: no file", a.Source)
		}
	case strings.HasPrefix(a.Source, audioMicPrefix):
		if name, _ := a.MicDevice(); name == "" {
			bad("source %q: no device name (plain \"mic\" is the default microphone)", a.Source)
		}
	default:
		bad("source %q: want mic, mic://NAME, synthetic, wav://FILE or none", a.Source)
	}
	if v := a.VolumeOrDefault(); !(v >= 0 && v <= 2) {
		bad("volume %g: want 0 to 2", v)
	}
	if a.BitrateKbps != 0 && (a.BitrateKbps < 6 || a.BitrateKbps > 510) {
		bad("bitrate_kbps %d: want 6 to 510", a.BitrateKbps)
	}
	return errs
}
