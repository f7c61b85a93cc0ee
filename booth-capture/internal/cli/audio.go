package cli

import (
	"fmt"

	"go.uber.org/zap"

	"cloudme.dev/booth-capture/internal/audio"
	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/source"
)

// openAudio opens the configured audio source (nil for none). The
// synthetic source clicks at each peak of the synthetic person's wave, as
// the synthetic cameras render it.
func openAudio(c *config.Config, fac *source.Factory, log *zap.Logger) (audio.Source, *audio.Gain, error) {
	gain, err := audio.NewGain(c.Audio.Muted, c.Audio.VolumeOrDefault())
	if err != nil {
		return nil, nil, err
	}
	switch {
	case c.Audio.Source == config.AudioNone:
		return nil, gain, nil
	case c.Audio.Source == config.AudioSynthetic:
		clicks := &audio.Clicks{}
		if c.Synthetic.Motion == "" || c.Synthetic.Motion == "waving" {
			peaks, err := audio.FindWavePeaks(c.Synthetic.Seed)
			if err != nil {
				return nil, nil, err
			}
			pc := &audio.PeakClicker{Peaks: peaks, Clicks: clicks, FramePeriod: 1 / c.FPS}
			if fac.OnInstant(pc.OnInstant) {
				log.Info("synthetic audio clicks at each wave peak", zap.Float64("first_peak_s", peaks.First), zap.Float64("period_s", peaks.Period))
			}
		}
		return audio.NewSynthetic(clicks), gain, nil
	case isMic(c.Audio):
		name, _ := c.Audio.MicDevice()
		m, err := audio.OpenMic(audio.MicParams{Device: name, Logger: log.Named("mic")})
		if err != nil {
			return nil, nil, err
		}
		return m, gain, nil
	case c.Audio.WAVPath() != "":
		w, err := audio.OpenWAV(c.Audio.WAVPath(), c.Audio.Loop)
		if err != nil {
			return nil, nil, err
		}
		return w, gain, nil
	}
	return nil, nil, fmt.Errorf("audio source %q: %w", c.Audio.Source, config.ErrConfig)
}

func isMic(a config.Audio) bool {
	_, ok := a.MicDevice()
	return ok
}
