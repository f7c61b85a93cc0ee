// Package audio plays the voices of the booths on screen in step with
// their pictures.
//
// booth-render builds without cgo, so it cannot link libopus or a native
// audio library: it never decodes. It receives each booth's Opus track
// (calibration/link), maps every packet to its capture time with the
// track's RTCP sender reports (which the cloud forwards from the booth,
// converted to the cloud's clock, and which this package converts to this
// machine's clock with the session's clock offset), holds the packets in
// a jitter buffer, and hands each to a sink at its play time:
//
//	play = capture + delay
//
// where delay follows the picture's latency for that booth (capture to
// display, measured on every model the display shows), so that a sound
// and the picture captured with it come out together. The delay never
// drops below the audio's own transit (95th percentile of the last 2 s)
// plus a jitter margin (MinDelay), and never exceeds MaxDelay. It follows small changes by at most 1 ms per
// 10 ms packet and jumps when it is more than JumpOver away. A packet
// that arrives after its play time is dropped and counted.
//
// Sinks: the kiosk page (page.AudioSink: the page, which owns the
// speakers, decodes with WebCodecs' AudioDecoder and starts each packet
// with WebAudio at its play time), and FileSink (Ogg Opus per booth plus a
// JSON-lines schedule of play and display times) for tests, headless mode
// and bench-audio, which decodes the file to hear the clicks; Tee feeds
// several.
package audio
