// Package auth mints and verifies the cloud's access tokens: JWTs signed
// with HS256 whose "grants" claim says what the bearer may do (publish as
// one booth, subscribe to meetings or booths, operate the service).
//
// Tokens expire ("exp" is required), carry "iat" and "sub", and are
// checked with a small clock-skew leeway. The secret is read from a file
// or an environment variable and never logged; neither is a token.
package auth
