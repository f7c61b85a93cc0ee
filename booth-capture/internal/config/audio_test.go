package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAudioDefaultsAndRefusals(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte("booth_id: a\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Audio.Source != AudioSynthetic || c.Audio.VolumeOrDefault() != 1 || c.Audio.Muted {
		t.Fatalf("synthetic booth's audio defaults: %+v", c.Audio)
	}
	c, err = Parse([]byte("booth_id: a\naudio: {source: 'mic://USB', volume: 0, muted: true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := c.Audio.MicDevice(); !ok || name != "USB" || c.Audio.VolumeOrDefault() != 0 || !c.Audio.Muted {
		t.Fatalf("volume 0 must stay 0: %+v", c.Audio)
	}
	for _, bad := range []string{
		"audio: {source: alsa}",
		"audio: {source: 'mic://'}",
		"audio: {source: 'wav://'}",
		"audio: {volume: 2.5}",
		"audio: {volume: -1}",
		"audio: {bitrate_kbps: 3}",
	} {
		_, err := Parse([]byte("booth_id: a\n" + bad + "\n"))
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "audio") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestAudioWAVPathIsRelativeToTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "booth.yaml")
	if err := os.WriteFile(path, []byte("booth_id: a\naudio: {source: 'wav://voice.wav', loop: true}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Audio.WAVPath() != filepath.Join(dir, "voice.wav") || !c.Audio.Loop {
		t.Fatalf("%+v", c.Audio)
	}
}
