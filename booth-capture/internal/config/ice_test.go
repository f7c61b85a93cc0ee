package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestICE(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		yaml, err string
		relay     bool
	}{
		{yaml: "", relay: false},
		{yaml: "ice: {servers: ['stun:stun.example.org:3478']}"},
		{yaml: "ice: {servers: ['turn:10.0.0.1:3478?transport=udp'], username: u, transport_policy: relay}", relay: true},
		{yaml: "ice: {servers: ['turns:turn.example.org'], transport_policy: all}"},
		{yaml: "ice: {servers: ['stun:a'], transport_policy: relay}", err: "relay needs a turn"},
		{yaml: "ice: {transport_policy: relay}", err: "relay needs a turn"},
		{yaml: "ice: {servers: ['http://a']}", err: "want a stun:, turn: or turns: URL"},
		{yaml: "ice: {servers: ['turn:a'], transport_policy: tcp}", err: "transport_policy \"tcp\""},
		{yaml: "ice: {server: ['turn:a']}", err: "server"},
	} {
		cfg, err := Parse([]byte(c.yaml))
		if c.err != "" {
			if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want one saying %q", c.yaml, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.yaml, err)
			continue
		}
		if cfg.ICE.RelayOnly() != c.relay {
			t.Errorf("%q: relay only %v", c.yaml, cfg.ICE.RelayOnly())
		}
	}
}

func TestICECredentialFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "turn.secret"), []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "booth.yaml")
	yaml := "ice: {servers: ['turn:10.0.0.1:3478'], username: booth, credential_file: turn.secret, transport_policy: relay}\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cred, err := cfg.ICE.Credential(); err != nil || cred != "s3cret" {
		t.Fatalf("credential %q, %v (relative to the config's directory, trimmed)", cred, err)
	}
	cfg.ICE.CredentialFile = filepath.Join(dir, "missing")
	if _, err := cfg.ICE.Credential(); err == nil {
		t.Fatal("a missing credential file gave no error")
	}
}
