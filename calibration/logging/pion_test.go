package logging

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

func zapInt(k string, v int) zap.Field { return zap.Int(k, v) }

func TestPionFactoryRoutesIntoZap(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zapcore.DebugLevel)
	f, err := NewPionFactory(zap.New(core), "info")
	if err != nil {
		t.Fatal(err)
	}
	ice := f.NewLogger("ice")
	ice.Tracef("candidate %d", 1) // below info: dropped
	ice.Debug("dropped too")
	ice.Infof("state %s", "connected")
	ice.Warn("slow")
	f.NewLogger("dtls").Errorf("handshake failed: %v", "timeout")

	got := logs.All()
	if len(got) != 3 {
		t.Fatalf("want 3 records, got %d: %v", len(got), got)
	}
	want := []struct {
		name, msg string
		level     zapcore.Level
	}{
		{"pion.ice", "state connected", zapcore.InfoLevel},
		{"pion.ice", "slow", zapcore.WarnLevel},
		{"pion.dtls", "handshake failed: timeout", zapcore.ErrorLevel},
	}
	for i, w := range want {
		if got[i].LoggerName != w.name || got[i].Message != w.msg || got[i].Level != w.level {
			t.Fatalf("record %d: %+v, want %+v", i, got[i], w)
		}
	}
}

func TestPionTraceMapsToDebug(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zapcore.DebugLevel)
	f, err := NewPionFactory(zap.New(core), "debug")
	if err != nil {
		t.Fatal(err)
	}
	f.NewLogger("sctp").Trace("tick")
	if logs.Len() != 1 || logs.All()[0].Level != zapcore.DebugLevel {
		t.Fatalf("got %v", logs.All())
	}
}
