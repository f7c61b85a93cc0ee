package auth

import (
	"fmt"
	"slices"

	"github.com/golang-jwt/jwt/v5"
)

// Grants is what a token allows.
type Grants struct {
	// Publish is the booth id the bearer may publish as ("" for none).
	Publish string `json:"publish,omitempty"`
	// SubscribeMeetings lists the meetings the bearer may watch.
	SubscribeMeetings []string `json:"subscribe_meetings,omitempty"`
	// SubscribeBooths lists the booths the bearer may watch directly.
	SubscribeBooths []string `json:"subscribe_booths,omitempty"`
	// Operator may manage meetings and read the event stream.
	Operator bool `json:"operator,omitempty"`
}

// Empty reports whether the grants allow nothing.
func (g Grants) Empty() bool {
	return g.Publish == "" && len(g.SubscribeMeetings) == 0 && len(g.SubscribeBooths) == 0 && !g.Operator
}

// CanPublish reports whether the bearer may publish as booth.
func (g Grants) CanPublish(booth string) bool { return booth != "" && g.Publish == booth }

// CanSubscribeMeeting reports whether the bearer may watch meeting m.
// Operators may watch everything.
func (g Grants) CanSubscribeMeeting(m string) bool {
	return g.Operator || slices.Contains(g.SubscribeMeetings, m)
}

// CanSubscribeBooth reports whether the bearer may watch booth b.
func (g Grants) CanSubscribeBooth(b string) bool {
	return g.Operator || slices.Contains(g.SubscribeBooths, b)
}

// Validate checks that every id in the grants is a valid id (the wire
// contract's rule: 1 to 64 of [A-Za-z0-9._-]).
func (g Grants) Validate() error {
	if g.Empty() {
		return fmt.Errorf("%w: a token must grant something", ErrGrants)
	}
	if g.Publish != "" {
		if err := ValidID(g.Publish); err != nil {
			return fmt.Errorf("%w: publish: %w", ErrGrants, err)
		}
	}
	for _, ids := range [][]string{g.SubscribeMeetings, g.SubscribeBooths} {
		for _, id := range ids {
			if err := ValidID(id); err != nil {
				return fmt.Errorf("%w: subscribe: %w", ErrGrants, err)
			}
		}
	}
	return nil
}

// ValidID checks an id against the wire contract's rule.
func ValidID(id string) error {
	if id == "" || len(id) > 64 {
		return fmt.Errorf("id %q must be 1 to 64 bytes", id)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("id %q: only letters, digits, '-', '_' and '.' are allowed", id)
		}
	}
	return nil
}

// Claims is the token's payload: the registered claims and the grants.
type Claims struct {
	Grants Grants `json:"grants"`
	jwt.RegisteredClaims
}
