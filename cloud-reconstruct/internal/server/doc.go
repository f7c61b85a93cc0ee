// Package server is the cloud's HTTP surface and session registry: WHIP-
// style signaling for booths (POST /v1/publish) and renderers (POST
// /v1/subscribe), session teardown, meetings, the operators' event
// websocket, Prometheus metrics, health and readiness, and a graceful
// drain that tells every peer before closing it. The routes, grants and
// status codes are the session protocol of proto/README.md.
//
// Errors become status codes here and only here (status.go).
package server
