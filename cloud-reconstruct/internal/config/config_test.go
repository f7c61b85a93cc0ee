package config

import (
	"errors"
	"flag"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		yaml string
		ok   bool
	}{
		{"empty gives defaults", "", true},
		{"full", "listen: :9000\nsecret_file: /run/secret\nice_servers: [stun:stun.example.org:3478]\nice_port_min: 50000\nice_port_max: 50100\ncell_size: 0.006\nsmoothing: 0.3\ndrain_timeout: 5s\n", true},
		{"unknown field", "listen: :9000\nsecret: hunter2\n", false},
		{"bad port range", "ice_port_min: 600\nice_port_max: 500\n", false},
		{"half a port range", "ice_port_min: 600\n", false},
		{"cell too small", "cell_size: 0.0001\n", false},
		{"smoothing 1", "smoothing: 1\n", false},
		{"min views", "min_views: 5\n", true},
		{"negative min views", "min_views: -1\n", false},
		{"two documents", "listen: :1\n---\nlisten: :2\n", false},
		{"not a mapping", "- a\n- b\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse([]byte(tc.yaml))
			if (err == nil) != tc.ok {
				t.Fatalf("got %v", err)
			}
			if err != nil && !errors.Is(err, ErrConfig) {
				t.Fatalf("error %v does not wrap ErrConfig", err)
			}
			if err == nil && c.Validate() != nil {
				t.Fatal("accepted an invalid config")
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte("listen: :9000\ncell_size: 0.006\n"))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CLOUD_LISTEN": ":7000", "CLOUD_ICE_SERVERS": "stun:a:3478, turn:b:3478", "CLOUD_DRAIN_TIMEOUT": "3s"}
	if err := c.ApplyEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.RegisterFlags(fs)
	if err := fs.Parse([]string{"-listen", ":6000", "-max-sessions", "9"}); err != nil {
		t.Fatal(err)
	}
	if c.Listen != ":6000" || c.CellSize != 0.006 || len(c.ICEServers) != 2 || c.DrainTimeout != 3*time.Second || c.MaxSessions != 9 {
		t.Fatalf("config %+v", c)
	}
	bad := map[string]string{"CLOUD_CELL_SIZE": "big"}
	if err := c.ApplyEnv(func(k string) (string, bool) { v, ok := bad[k]; return v, ok }); !errors.Is(err, ErrConfig) {
		t.Fatalf("bad env: %v", err)
	}
}

func TestStringHoldsNoSecret(t *testing.T) {
	t.Setenv("CLOUD_TOKEN_SECRET", "super-secret-value-super-secret-value")
	c := Default()
	if s := c.String(); strings.Contains(s, "super-secret") || !strings.Contains(s, "secret_env: CLOUD_TOKEN_SECRET") {
		t.Fatalf("config prints %q", s)
	}
}
