package auth

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds arbitrary strings to the token verifier: it must never
// panic, must reject everything not signed with the secret, and must never
// echo the token in its error.
func FuzzVerify(f *testing.F) {
	iss, err := NewIssuer(testSecret, 0)
	if err != nil {
		f.Fatal(err)
	}
	tok, _ := iss.Mint("booth-a", Grants{Publish: "booth-a", SubscribeMeetings: []string{"m1"}}, time.Hour)
	f.Add(tok)
	f.Add("")
	f.Add("a.b.c")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := iss.Verify(s)
		if err == nil {
			if c.Grants.Validate() != nil {
				t.Fatal("accepted invalid grants")
			}
			return
		}
		if !errors.Is(err, ErrInvalidToken) && !errors.Is(err, ErrNoToken) {
			t.Fatalf("unexpected error class %v", err)
		}
		if len(s) > 16 && strings.Contains(err.Error(), s) {
			t.Fatal("token echoed in the error")
		}
	})
}
