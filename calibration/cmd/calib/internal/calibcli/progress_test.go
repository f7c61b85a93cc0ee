package calibcli

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgressPlainLines(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := newProgress(&b, "detect", 20)
	for i := 0; i < 20; i++ {
		p.Add(1)
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// One line per tenth (0/20 to 20/20), not one per item.
	if len(lines) != 11 || lines[0] != "detect: 0/20" || lines[10] != "detect: 20/20" {
		t.Fatalf("lines %q", lines)
	}
	if strings.Contains(b.String(), "\r") {
		t.Fatal("carriage return written to a non-terminal")
	}
}

func TestProgressTerminalBar(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := &progress{w: &b, label: "bundle", total: 4, tty: true}
	p.Add(2)
	if got := b.String(); !strings.HasPrefix(got, "\rbundle [") || !strings.HasSuffix(got, "] 2/4") {
		t.Fatalf("bar %q", got)
	}
}
