// Package cli is the booth-capture command: `booth-capture [flags]` runs
// the booth until SIGINT/SIGTERM; `booth-capture relearn [-listen addr]`
// asks a running agent to re-learn its background plates.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/booth-capture/internal/agent"
	"cloudme.dev/booth-capture/internal/config"
	"cloudme.dev/booth-capture/internal/ops"
	"cloudme.dev/booth-capture/internal/source"
	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/logging"
)

// Run runs the command with args (without the program name) until ctx
// ends; it returns the exit status.
func Run(ctx context.Context, args []string, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "relearn" {
		return relearn(ctx, args[1:], stderr)
	}
	fs := flag.NewFlagSet("booth-capture", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "", "booth config (YAML); none: the synthetic booth")
	cams := fs.Int("cameras", 8, "synthetic booth: cameras (when the config lists none)")
	res := fs.String("resolution", "720p", "synthetic booth: 720p, 1080p, 4k or WxH")
	motion := fs.String("motion", "waving", "synthetic booth: the person's motion")
	seed := fs.Int64("seed", 1, "synthetic booth: seed")
	listen := fs.String("listen", "", "ops address (overrides the config; default "+config.DefaultListen+")")
	cloud := fs.String("cloud", "", "cloud URL (overrides the config)")
	logCfg := logging.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintln(stderr, "booth-capture:", err)
		return 2
	}
	defer func() { _ = log.Sync() }()
	synth := config.Synthetic{Cameras: *cams, Resolution: *res, Motion: *motion, Seed: *seed}
	c := config.Demo(synth)
	if *path != "" {
		if c, err = config.Load(*path); err != nil {
			log.Error("config", zap.Error(err))
			return 2
		}
	}
	if *listen != "" {
		c.Listen = *listen
	}
	if *cloud != "" {
		c.CloudURL = *cloud
	}
	if err := c.Validate(); err != nil {
		log.Error("config", zap.Error(err))
		return 2
	}
	if err := run(ctx, c, log, logCfg.PionLevel); err != nil {
		log.Error("booth-capture", zap.Error(err))
		return 1
	}
	return 0
}

func run(ctx context.Context, c *config.Config, log *zap.Logger, pionLevel string) error {
	token, err := c.Token()
	if errors.Is(err, config.ErrNoToken) {
		log.Warn("no cloud token: the cloud will refuse the booth (set token_file or " + config.TokenEnv + ")")
	} else if err != nil {
		return err
	}
	cred, err := c.ICE.Credential()
	if err != nil {
		return err
	}
	fac, err := source.NewFactory(c)
	if err != nil {
		return err
	}
	defer fac.Close()
	voice, gain, err := openAudio(c, fac, log)
	if err != nil {
		return err
	}
	ids := make([]uint32, len(c.Cameras))
	for i, cam := range c.Cameras {
		ids[i] = cam.ID
	}
	a, err := agent.New(ctx, agent.Params{BoothID: c.BoothID, Rig: fac.Rig(), Cameras: ids, FPS: c.FPS, Opener: fac,
		CloudURL: c.CloudURL, Token: token, Link: link.Config{PionLevel: pionLevel,
			ICEServers: c.ICE.Servers, ICEUsername: c.ICE.Username, ICECredential: cred, ICERelayOnly: c.ICE.RelayOnly()},
		Segment: c.SegmentParams(), Encode: encodeParams(c), Workers: c.Segmentation.Workers, Presence: c.PresenceParams(),
		Stall: c.Stall, EngineDuty: c.EngineDuty, Logger: log, Audio: voice, AudioGain: gain, AudioKbps: c.Audio.BitrateKbps})
	if err != nil {
		return err
	}
	defer a.Close()
	// The synthetic visitor steps in once the booth is ready, as a real
	// one waits for the booth's ready light.
	fac.StepInWhen(a.PlatesReady)
	srv, err := ops.New(ops.Params{Listen: c.Listen, Booth: a, Logger: log.Named("ops")})
	if err != nil {
		return err
	}
	defer srv.Close()
	<-ctx.Done()
	log.Info("shutting down")
	return nil
}

func relearn(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("booth-capture relearn", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", config.DefaultListen, "the agent's ops address")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := ops.Relearn(ctx, *listen); err != nil {
		fmt.Fprintln(stderr, "booth-capture relearn:", err)
		return 1
	}
	fmt.Fprintln(stderr, "booth-capture relearn: the agent re-learns its background plates (keep the booth empty)")
	return 0
}
