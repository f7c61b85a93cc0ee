// Package harness runs the three real binaries (cloud-reconstruct,
// booth-capture, booth-render) as separate processes on this machine for
// the end-to-end benchmark and the fault drills: it builds them once into
// a directory, picks free loopback ports, mints tokens with the cloud's
// own CLI, starts, signals, kills and restarts processes (each with its
// log file, kept for a failing test), reads their CPU time from
// /proc/<pid>/stat, scrapes their Prometheus /metrics, and subscribes to
// the cloud as a probe renderer that records every model frame's capture
// time and stage times.
package harness
