// Package metrics defines the service's Prometheus metrics on a private
// registry: latency histograms per stage and glass to glass, models and
// frame sets (rates give fps), drops by reason, bytes in and out (rates
// give bitrates) and peers by role.
package metrics
