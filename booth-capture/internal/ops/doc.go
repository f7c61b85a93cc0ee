// Package ops is the agent's operations server: Prometheus metrics
// (hand-written text exposition, no client library), /healthz with every
// camera's state, and POST /relearn to re-learn the background plate.
// Relearn is the client that the `booth-capture relearn` command uses.
package ops
