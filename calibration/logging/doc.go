// Package logging is the one zap set-up every binary of the project uses:
// console output for people in development, JSON lines in production, and
// an adapter that routes pion's own logs (ICE, DTLS, SCTP...) into the same
// logger under the names pion.<scope>.
//
// It lives in the calibration module because that is the lowest module all
// binaries import that may depend on pion's small logging interface
// (github.com/pion/logging, no WebRTC); proto must stay free of pion.
package logging
