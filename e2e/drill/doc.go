// Package drill holds the fault drills: tests that run the real cloud,
// booth and renderer binaries on this machine, do to them what venues do
// (a camera dies, the booth's network drops for 5 s, the cloud restarts,
// a renderer stalls, the booth's link is lossy and slow), and check what
// the people in the meeting see and how long recovery takes. Each drill
// is bounded in time; the figures they measure are logged (go test -v)
// and recorded in RELIABILITY.md. The tests build the binaries once per
// run with `go build` and are skipped, with a message, under -short.
package drill
