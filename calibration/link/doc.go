// Package link is the WebRTC session between an agent (booth-capture,
// booth-render) and cloud-reconstruct, shared by both ends.
//
// Signaling is WHIP-style HTTP: the agent POSTs its SDP offer (ICE
// gathered, no trickle) with `Authorization: Bearer <token>` and gets the
// SDP answer back with 201 Created and a Location to DELETE when done. The
// cloud's HTTP handler (in cloud-reconstruct) authenticates and calls
// Answer; this package holds everything both ends share.
//
// Each session carries two data channels, both carrying wire envelopes cut
// into chunks (wire.Split):
//   - "control": ordered and reliable: hello, ping/pong, display reports,
//     errors. Never dropped.
//   - "media": unordered, partially reliable (lost packets retransmitted
//     for at most MediaLifetime, 150 ms by default): frame sets and model
//     frames. Latest wins: a message that would queue behind a congested
//     channel is dropped at the sender and counted, never queued; a chunk
//     lost for good costs one frame, and the reassembler drops it once a
//     newer frame completes. (With no retransmissions at all, a 300 KB
//     frame of ~250 packets would almost never survive 2 % loss.)
//
// pion's callbacks run on goroutines this package does not control; they
// only reassemble, decode and hand messages over a channel, so no caller
// state is touched from them. Peers answer pings at once and keep an NTP
// style estimate of the other side's clock (wire.SampleClock), so every
// stage time can be put on one clock.
//
// The package sits in the calibration module because that is the lowest
// module all three agents import that may depend on pion; proto stays free
// of it.
package link
