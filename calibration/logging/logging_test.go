package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestJSONFormat(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l, err := New(Config{Format: JSON, Level: "info", Output: &buf})
	if err != nil {
		t.Fatal(err)
	}
	l.Named("ingest").Info("frame set", zapInt("views", 8))
	l.Debug("hidden")
	_ = l.Sync()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one line, got %q", buf.String())
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["msg"] != "frame set" || rec["logger"] != "ingest" || rec["views"] != float64(8) || rec["level"] != "info" {
		t.Fatalf("record %v", rec)
	}
}

func TestConsoleFormat(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l, err := New(Config{Output: &buf, Level: "debug"})
	if err != nil {
		t.Fatal(err)
	}
	l.Debug("shown", zapInt("camera", 3))
	_ = l.Sync()
	if s := buf.String(); !strings.Contains(s, "DEBUG") || !strings.Contains(s, "shown") || !strings.Contains(s, `"camera": 3`) {
		t.Fatalf("console output %q", s)
	}
}

func TestBadConfig(t *testing.T) {
	t.Parallel()
	for _, c := range []Config{{Format: "xml"}, {Level: "loud"}} {
		if _, err := New(c); !errors.Is(err, ErrConfig) {
			t.Fatalf("%+v: got %v", c, err)
		}
	}
	if _, err := NewPionFactory(nil, "verbose"); !errors.Is(err, ErrConfig) {
		t.Fatalf("pion level: got %v", err)
	}
}

func TestRegisterFlags(t *testing.T) {
	t.Setenv("LOG_LEVEL", "debug")
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	c := RegisterFlags(fs)
	if err := fs.Parse([]string{"-log-format", "json"}); err != nil {
		t.Fatal(err)
	}
	if c.Format != JSON || c.Level != "debug" || c.PionLevel != "warn" {
		t.Fatalf("config %+v", c)
	}
}
