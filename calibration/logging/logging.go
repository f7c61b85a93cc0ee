package logging

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Format names an output format.
type Format string

const (
	// Console is human-readable, coloured when writing to a terminal.
	Console Format = "console"
	// JSON writes one object per line, for log collectors.
	JSON Format = "json"
)

// ErrConfig is wrapped by every configuration error.
var ErrConfig = errors.New("bad logging configuration")

// Config selects how a binary logs.
type Config struct {
	// Format is Console (default) or JSON.
	Format Format
	// Level is the minimum level: debug, info (default), warn, error.
	Level string
	// PionLevel is the minimum level for pion's logs (default warn: pion is
	// chatty at info and below).
	PionLevel string
	// Output receives the logs; nil means standard error.
	Output io.Writer
}

// RegisterFlags adds -log-format, -log-level and -log-pion-level to fs and
// returns the Config they fill. The defaults come from the environment
// variables LOG_FORMAT, LOG_LEVEL and LOG_PION_LEVEL when set.
func RegisterFlags(fs *flag.FlagSet) *Config {
	c := &Config{}
	fs.StringVar((*string)(&c.Format), "log-format", envOr("LOG_FORMAT", string(Console)), "log format: console or json")
	fs.StringVar(&c.Level, "log-level", envOr("LOG_LEVEL", "info"), "log level: debug, info, warn or error")
	fs.StringVar(&c.PionLevel, "log-pion-level", envOr("LOG_PION_LEVEL", "warn"), "level for pion's WebRTC logs")
	return c
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// New builds the logger described by c.
func New(c Config) (*zap.Logger, error) {
	lvl, err := parseLevel("log level", c.Level, zapcore.InfoLevel)
	if err != nil {
		return nil, err
	}
	var enc zapcore.Encoder
	switch c.Format {
	case "", Console:
		ec := zap.NewDevelopmentEncoderConfig()
		ec.EncodeTime = zapcore.TimeEncoderOfLayout("15:04:05.000")
		ec.EncodeLevel = zapcore.CapitalLevelEncoder
		enc = zapcore.NewConsoleEncoder(ec)
	case JSON:
		ec := zap.NewProductionEncoderConfig()
		ec.EncodeTime = zapcore.RFC3339NanoTimeEncoder
		enc = zapcore.NewJSONEncoder(ec)
	default:
		return nil, fmt.Errorf("%w: log format %q: want console or json", ErrConfig, c.Format)
	}
	out := c.Output
	if out == nil {
		out = os.Stderr
	}
	core := zapcore.NewCore(enc, zapcore.Lock(zapcore.AddSync(out)), lvl)
	return zap.New(core, zap.AddCaller(), zap.AddStacktrace(zapcore.ErrorLevel)), nil
}

func parseLevel(what, s string, def zapcore.Level) (zapcore.Level, error) {
	if s == "" {
		return def, nil
	}
	var l zapcore.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return def, fmt.Errorf("%w: %s %q: want debug, info, warn or error", ErrConfig, what, s)
	}
	return l, nil
}
