package logging

import (
	"fmt"

	"github.com/pion/logging"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// PionFactory routes pion's logs into zap. Hand it to pion through
// webrtc.SettingEngine's LoggerFactory field.
type PionFactory struct {
	base  *zap.Logger
	level zapcore.Level
}

var _ logging.LoggerFactory = (*PionFactory)(nil)

// NewPionFactory returns a factory whose loggers write to base under the
// name pion.<scope>, dropping records below level (debug, info, warn,
// error; empty means warn).
func NewPionFactory(base *zap.Logger, level string) (*PionFactory, error) {
	l, err := parseLevel("pion log level", level, zapcore.WarnLevel)
	if err != nil {
		return nil, err
	}
	return &PionFactory{base: base, level: l}, nil
}

// NewLogger implements logging.LoggerFactory.
func (f *PionFactory) NewLogger(scope string) logging.LeveledLogger {
	l := f.base.Named("pion."+scope).WithOptions(
		zap.IncreaseLevel(f.level),
		zap.AddCallerSkip(1),
	)
	return pionLogger{l.Sugar()}
}

// pionLogger adapts zap to pion's LeveledLogger. pion's trace level maps to
// zap's debug, the lowest zap has.
type pionLogger struct{ s *zap.SugaredLogger }

func (p pionLogger) Trace(msg string)                  { p.s.Debug(msg) }
func (p pionLogger) Tracef(format string, args ...any) { p.s.Debug(fmt.Sprintf(format, args...)) }
func (p pionLogger) Debug(msg string)                  { p.s.Debug(msg) }
func (p pionLogger) Debugf(format string, args ...any) { p.s.Debugf(format, args...) }
func (p pionLogger) Info(msg string)                   { p.s.Info(msg) }
func (p pionLogger) Infof(format string, args ...any)  { p.s.Infof(format, args...) }
func (p pionLogger) Warn(msg string)                   { p.s.Warn(msg) }
func (p pionLogger) Warnf(format string, args ...any)  { p.s.Warnf(format, args...) }
func (p pionLogger) Error(msg string)                  { p.s.Error(msg) }
func (p pionLogger) Errorf(format string, args ...any) { p.s.Errorf(format, args...) }
