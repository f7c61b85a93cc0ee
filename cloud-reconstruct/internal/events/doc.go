// Package events carries the operators' event stream: booth online and
// offline, camera degraded and recovered, meeting started and ended. A Hub
// fans events out to websocket clients; a client that cannot keep up is
// dropped, never waited for.
package events
