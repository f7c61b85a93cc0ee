// Package agent is the running booth-render: it subscribes to the cloud,
// hands each decoded model to the kiosk page (and/or the headless software
// renderer), watches for a stopped stream, takes periodic snapshots and
// sends each model's display time back to the cloud. One goroutine owns
// all of its state.
package agent
