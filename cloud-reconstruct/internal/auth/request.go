package auth

import (
	"fmt"
	"net/http"
	"strings"
)

// BearerToken returns the token of an "Authorization: Bearer <token>"
// header, or ErrNoToken.
func BearerToken(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", ErrNoToken
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "", fmt.Errorf("%w: Authorization header is not \"Bearer <token>\"", ErrInvalidToken)
	}
	return strings.TrimSpace(tok), nil
}

// Authenticate verifies the request's bearer token.
func (i *Issuer) Authenticate(r *http.Request) (*Claims, string, error) {
	tok, err := BearerToken(r)
	if err != nil {
		return nil, "", err
	}
	c, err := i.Verify(tok)
	if err != nil {
		return nil, "", err
	}
	return c, tok, nil
}
