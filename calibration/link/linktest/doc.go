// Package linktest gives tests of link's users a minimal cloud: an
// httptest server with a WHIP-style endpoint that checks the bearer token,
// answers with link.Answer and hands each session to the test, plus the
// goroutine-leak check every network test registers. Like net/http/httptest
// it is imported by tests only; the real cloud is cloud-reconstruct.
package linktest
