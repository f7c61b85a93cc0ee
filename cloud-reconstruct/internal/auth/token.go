package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// MinSecretBytes is the shortest HS256 secret accepted (256 bits).
const MinSecretBytes = 32

// DefaultLeeway is the clock skew tolerated on exp, iat and nbf.
const DefaultLeeway = 5 * time.Second

// MaxTTL bounds how long a minted token lives.
const MaxTTL = 30 * 24 * time.Hour

// Issuer mints and verifies tokens with one HS256 secret.
type Issuer struct {
	secret []byte
	leeway time.Duration
	now    func() time.Time
}

// NewIssuer returns an issuer for secret (at least MinSecretBytes).
// leeway <= 0 means DefaultLeeway.
func NewIssuer(secret []byte, leeway time.Duration) (*Issuer, error) {
	if len(secret) < MinSecretBytes {
		return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrSecret, len(secret), MinSecretBytes)
	}
	if leeway <= 0 {
		leeway = DefaultLeeway
	}
	return &Issuer{secret: append([]byte(nil), secret...), leeway: leeway, now: time.Now}, nil
}

// Mint returns a token for subject with the grants, valid for ttl.
func (i *Issuer) Mint(subject string, g Grants, ttl time.Duration) (string, error) {
	if err := g.Validate(); err != nil {
		return "", err
	}
	if ttl <= 0 || ttl > MaxTTL {
		return "", fmt.Errorf("%w: ttl %v outside (0, %v]", ErrGrants, ttl, MaxTTL)
	}
	if subject == "" {
		return "", fmt.Errorf("%w: subject is empty", ErrGrants)
	}
	now := i.now()
	c := Claims{Grants: g, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   subject,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(i.secret)
}

// Verify checks the token's signature (HS256 only), expiry and issue time
// and returns its claims. Every failure wraps ErrInvalidToken; the error
// never contains the token.
func (i *Issuer) Verify(token string) (*Claims, error) {
	if token == "" {
		return nil, ErrNoToken
	}
	if len(token) > 8<<10 {
		return nil, fmt.Errorf("%w: %d bytes is too long", ErrInvalidToken, len(token))
	}
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return i.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(i.leeway),
		jwt.WithTimeFunc(i.now),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalidToken, reason(err))
	}
	if c.Subject == "" {
		return nil, fmt.Errorf("%w: no subject", ErrInvalidToken)
	}
	if err := c.Grants.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	return &c, nil
}

// reason turns a jwt error into a short, token-free explanation.
func reason(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "expired"
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued), errors.Is(err, jwt.ErrTokenNotValidYet):
		return "not valid yet (check the clocks)"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return "bad signature"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return "a required claim is missing"
	case errors.Is(err, jwt.ErrTokenMalformed):
		return "malformed"
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return "unverifiable (wrong algorithm?)"
	default:
		return "rejected"
	}
}

// Fingerprint returns a short, non-reversible tag of a token for telling
// sessions apart (and comparing the owner of a session) without keeping
// or logging the token itself.
func Fingerprint(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:8])
}
