package config

import (
	"fmt"
	"os"
	"strings"
)

// ICE chooses how the booth's WebRTC session reaches the cloud through a
// venue's network: STUN/TURN servers and, where the venue lets nothing
// but its TURN server through, relay-only.
type ICE struct {
	// Servers are stun:, turn: or turns: URLs.
	Servers []string `yaml:"servers"`
	// Username and the file holding the credential authenticate to the
	// TURN servers; the credential is never logged. A relative path is
	// taken from the config file's directory.
	Username       string `yaml:"username"`
	CredentialFile string `yaml:"credential_file"`
	// TransportPolicy is "all" (default) or "relay": use TURN relay
	// candidates only.
	TransportPolicy string `yaml:"transport_policy"`
}

// RelayOnly says whether only relay candidates may be used.
func (i ICE) RelayOnly() bool { return i.TransportPolicy == "relay" }

// Credential reads the TURN credential file ("" when none is named).
func (i ICE) Credential() (string, error) {
	if i.CredentialFile == "" {
		return "", nil
	}
	b, err := os.ReadFile(i.CredentialFile)
	if err != nil {
		return "", fmt.Errorf("ice credential_file: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

func (c *Config) validateICE() []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("ice: "+format+": %w", append(a, ErrConfig)...))
	}
	turn := false
	for _, s := range c.ICE.Servers {
		switch {
		case strings.HasPrefix(s, "turn:"), strings.HasPrefix(s, "turns:"):
			turn = true
		case strings.HasPrefix(s, "stun:"):
		default:
			bad("server %q: want a stun:, turn: or turns: URL", s)
		}
	}
	switch c.ICE.TransportPolicy {
	case "", "all":
	case "relay":
		if !turn {
			bad("transport_policy relay needs a turn: or turns: server")
		}
	default:
		bad("transport_policy %q: want all or relay", c.ICE.TransportPolicy)
	}
	return errs
}
