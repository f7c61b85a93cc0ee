package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"go.uber.org/zap"

	"cloudme.dev/calibration/link"
	"cloudme.dev/calibration/logging"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/auth"
	"cloudme.dev/cloud-reconstruct/internal/config"
	"cloudme.dev/cloud-reconstruct/internal/engine"
	"cloudme.dev/cloud-reconstruct/internal/meeting"
	"cloudme.dev/cloud-reconstruct/internal/server"
)

// serve runs the service until SIGINT or SIGTERM, then drains.
func serve(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("config", "", "YAML configuration file")
	logCfg := logging.RegisterFlags(fs)
	// The file is named by a flag, and flags override the file: parse
	// once for -config, then load, then parse again into the config.
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config.Default()
	if *file != "" {
		c, err := config.Load(*file)
		if err != nil {
			return err
		}
		cfg = c
	}
	if err := cfg.ApplyEnv(config.LookupEnv); err != nil {
		return err
	}
	fs2 := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs2.SetOutput(stderr)
	fs2.String("config", "", "YAML configuration file")
	logging.RegisterFlags(fs2)
	cfg.RegisterFlags(fs2)
	if err := fs2.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		return err
	}
	defer func() { _ = log.Sync() }()
	secret, err := auth.LoadSecret(cfg.SecretFile, cfg.SecretEnv)
	if err != nil {
		return err
	}
	iss, err := auth.NewIssuer(secret, 0)
	if err != nil {
		return err
	}
	log.Info("configuration", zap.String("config", cfg.String()))
	newEngine := func(r *rig.Rig) (engine.Engine, error) {
		return engine.NewCPU(engine.Config{Rig: r, CellSize: cfg.CellSize, Smoothing: cfg.Smoothing, Workers: cfg.EngineWorkers})
	}
	meetings := meeting.NewRegistry()
	if cfg.MeetingsFile != "" {
		if meetings, err = meeting.OpenRegistry(meeting.NewStore(cfg.MeetingsFile)); err != nil {
			return err
		}
		log.Info("meetings restored", zap.String("file", cfg.MeetingsFile), zap.Int("meetings", len(meetings.List())))
	}
	srv, err := server.New(server.Params{
		Issuer: iss, NewEngine: newEngine, MinViews: cfg.MinViews, Logger: log, MaxSessions: cfg.MaxSessions, Meetings: meetings,
		Link: link.Config{PionLevel: logCfg.PionLevel, ICEServers: cfg.ICEServers, ICEPortMin: cfg.ICEPortMin, ICEPortMax: cfg.ICEPortMax},
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", zap.String("addr", ln.Addr().String()))
	select {
	case err := <-errc:
		_ = srv.Close()
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining sessions", zap.Duration("timeout", cfg.DrainTimeout))
	dctx, cancel := context.WithTimeout(context.Background(), cfg.DrainTimeout)
	defer cancel()
	if err := srv.Drain(dctx); err != nil {
		log.Warn("drain incomplete", zap.Error(err))
	}
	if err := hs.Shutdown(dctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("http shutdown", zap.Error(err))
	}
	_ = srv.Close()
	log.Info("stopped")
	return nil
}
