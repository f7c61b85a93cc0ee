// Package agent runs a booth: one goroutine per camera (read, stamp, hand
// to the synchronizer; on failure log, mark degraded, re-open with
// exponential backoff while the others carry on), the synchronizer, the
// pipeline (background plate, segmentation, presence, encoding) and the
// publisher. Stages hand over latest-wins and count what they drop;
// Close cancels and waits.
package agent
