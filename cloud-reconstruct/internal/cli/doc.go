// Package cli implements the cloud-reconstruct command: serve runs the
// service; token mint signs access tokens with the service's secret;
// meeting create|list|end talk to a running service with an operator
// token.
package cli
