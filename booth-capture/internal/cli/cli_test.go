package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRunStopsCleanly(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var out bytes.Buffer
	args := []string{"-cameras", "2", "-resolution", "64x48", "-listen", "127.0.0.1:0", "-cloud", "http://127.0.0.1:1", "-log-level", "error"}
	if code := Run(ctx, args, &out); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
}

func TestExitCodes(t *testing.T) {
	ctx := context.Background()
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("bogus: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"-nope"}, 2},
		{[]string{"-config", bad, "-log-level", "error"}, 2},
		{[]string{"-resolution", "8k", "-log-level", "error"}, 2},
		{[]string{"relearn", "-listen", "127.0.0.1:1"}, 1},
	} {
		var out bytes.Buffer
		if code := Run(ctx, tc.args, &out); code != tc.want {
			t.Errorf("%v: exit %d (want %d): %s", tc.args, code, tc.want, out.String())
		}
	}
}
