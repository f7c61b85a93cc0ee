package chrome

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestKioskArgs(t *testing.T) {
	t.Parallel()
	args := KioskArgs("http://127.0.0.1:8088/", "/tmp/profile")
	for _, want := range []string{"--kiosk", "--app=http://127.0.0.1:8088/", "--user-data-dir=/tmp/profile", "--no-first-run"} {
		if !slices.Contains(args, want) {
			t.Fatalf("%v lacks %s", args, want)
		}
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	if _, err := Find("/nonexistent/chromium"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v", err)
	}
	if p, err := Find("/bin/sh"); err != nil || p != "/bin/sh" {
		t.Fatalf("got %q %v", p, err)
	}
}

// The supervisor restarts a browser that exits (a script standing in for
// Chromium, which cannot be shown full screen in a test).
func TestKioskRestartsTheBrowser(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dir := t.TempDir()
	script := filepath.Join(dir, "browser.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho started >> \"$1\"\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	k, err := StartKiosk(ctx, KioskParams{Binary: script, Args: []string{filepath.Join(dir, "log")}, Restart: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for k.Starts() < 3 {
		select {
		case <-time.After(5 * time.Millisecond):
		case <-ctx.Done():
			t.Fatalf("started %d times", k.Starts())
		}
	}
	_ = k.Close()
	_ = k.Close()
}
