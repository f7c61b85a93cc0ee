package auth

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

func fixedIssuer(t *testing.T, at time.Time) *Issuer {
	t.Helper()
	i, err := NewIssuer(testSecret, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	i.now = func() time.Time { return at }
	return i
}

func signRaw(t *testing.T, m jwt.SigningMethod, key any, c jwt.Claims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestVerify(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1_700_000_000, 0)
	iss := fixedIssuer(t, t0)
	good, err := iss.Mint("booth-a", Grants{Publish: "booth-a"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewIssuer([]byte("another-secret-another-secret-xx"), 0)
	other.now = iss.now
	forged, _ := other.Mint("booth-a", Grants{Publish: "booth-a"}, time.Hour)
	g := Grants{Operator: true}
	claims := func(iat, exp time.Time) *Claims {
		c := &Claims{Grants: g}
		c.Subject = "x"
		c.IssuedAt = jwt.NewNumericDate(iat)
		if !exp.IsZero() {
			c.ExpiresAt = jwt.NewNumericDate(exp)
		}
		return c
	}
	cases := []struct {
		name  string
		token string
		at    time.Time
		want  error
	}{
		{"valid", good, t0.Add(time.Minute), nil},
		{"expired", good, t0.Add(time.Hour + 2*time.Second), ErrInvalidToken},
		{"expired within leeway", good, t0.Add(time.Hour + 500*time.Millisecond), nil},
		{"wrong secret", forged, t0, ErrInvalidToken},
		{"empty", "", t0, ErrNoToken},
		{"garbage", "not.a.token", t0, ErrInvalidToken},
		{"alg none", signRaw(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(t0, t0.Add(time.Hour))), t0, ErrInvalidToken},
		{"HS512", signRaw(t, jwt.SigningMethodHS512, testSecret, claims(t0, t0.Add(time.Hour))), t0, ErrInvalidToken},
		{"no exp", signRaw(t, jwt.SigningMethodHS256, testSecret, claims(t0, time.Time{})), t0, ErrInvalidToken},
		{"issued in the future", signRaw(t, jwt.SigningMethodHS256, testSecret, claims(t0.Add(time.Minute), t0.Add(time.Hour))), t0, ErrInvalidToken},
		{"no grants", signRaw(t, jwt.SigningMethodHS256, testSecret, &Claims{RegisteredClaims: jwt.RegisteredClaims{Subject: "x", IssuedAt: jwt.NewNumericDate(t0), ExpiresAt: jwt.NewNumericDate(t0.Add(time.Hour))}}), t0, ErrInvalidToken},
		{"too long", strings.Repeat("a", 9000), t0, ErrInvalidToken},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := fixedIssuer(t, tc.at)
			c, err := v.Verify(tc.token)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if err != nil && tc.token != "" && strings.Contains(err.Error(), tc.token) {
				t.Fatal("the token leaked into the error")
			}
			if err == nil && c.Grants.Publish != "booth-a" {
				t.Fatalf("grants %+v", c.Grants)
			}
		})
	}
}

func TestMintRefuses(t *testing.T) {
	t.Parallel()
	iss := fixedIssuer(t, time.Now())
	cases := []struct {
		name string
		sub  string
		g    Grants
		ttl  time.Duration
	}{
		{"nothing granted", "a", Grants{}, time.Hour},
		{"bad booth id", "a", Grants{Publish: "booth a"}, time.Hour},
		{"bad meeting id", "a", Grants{SubscribeMeetings: []string{"m/1"}}, time.Hour},
		{"zero ttl", "a", Grants{Operator: true}, 0},
		{"ttl too long", "a", Grants{Operator: true}, MaxTTL + time.Hour},
		{"no subject", "", Grants{Operator: true}, time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := iss.Mint(tc.sub, tc.g, tc.ttl); !errors.Is(err, ErrGrants) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

func TestNewIssuerShortSecret(t *testing.T) {
	t.Parallel()
	if _, err := NewIssuer([]byte("short"), 0); !errors.Is(err, ErrSecret) {
		t.Fatalf("got %v", err)
	}
}

func TestGrants(t *testing.T) {
	t.Parallel()
	g := Grants{Publish: "a", SubscribeMeetings: []string{"m1"}, SubscribeBooths: []string{"b"}}
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"publish own", g.CanPublish("a"), true},
		{"publish other", g.CanPublish("b"), false},
		{"publish empty", Grants{}.CanPublish(""), false},
		{"meeting granted", g.CanSubscribeMeeting("m1"), true},
		{"meeting not granted", g.CanSubscribeMeeting("m2"), false},
		{"booth granted", g.CanSubscribeBooth("b"), true},
		{"booth not granted", g.CanSubscribeBooth("a"), false},
		{"operator sees all", Grants{Operator: true}.CanSubscribeMeeting("any"), true},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %v", tc.name, tc.got)
		}
	}
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	iss := fixedIssuer(t, time.Now())
	tok, _ := iss.Mint("op", Grants{Operator: true}, time.Hour)
	cases := []struct {
		name   string
		header string
		want   error
	}{
		{"bearer", "Bearer " + tok, nil},
		{"lower-case scheme", "bearer " + tok, nil},
		{"missing", "", ErrNoToken},
		{"basic", "Basic abc", ErrInvalidToken},
		{"no token", "Bearer ", ErrInvalidToken},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			if tc.header != "" {
				r.Header.Set("Authorization", tc.header)
			}
			c, _, err := iss.Authenticate(r)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v", err)
			}
			if err == nil && !c.Grants.Operator {
				t.Fatal("lost the grant")
			}
		})
	}
}

func TestLoadSecret(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/secret"
	if err := writeFile(good, "  "+string(testSecret)+"\n"); err != nil {
		t.Fatal(err)
	}
	short := dir + "/short"
	_ = writeFile(short, "tiny")
	t.Setenv("CLOUD_TEST_SECRET", string(testSecret))
	t.Setenv("CLOUD_TEST_EMPTY", "")
	cases := []struct {
		name, path, env string
		ok              bool
	}{
		{"file", good, "", true},
		{"file wins over env", good, "CLOUD_TEST_EMPTY", true},
		{"env", "", "CLOUD_TEST_SECRET", true},
		{"empty env", "", "CLOUD_TEST_EMPTY", false},
		{"missing file", dir + "/none", "", false},
		{"short", short, "", false},
		{"nothing", "", "", false},
	}
	for _, tc := range cases {
		s, err := LoadSecret(tc.path, tc.env)
		if (err == nil) != tc.ok {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if err != nil && (!errors.Is(err, ErrSecret) || strings.Contains(err.Error(), "tiny")) {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if err == nil && string(s) != string(testSecret) {
			t.Fatalf("%s: secret %q", tc.name, s)
		}
	}
}
