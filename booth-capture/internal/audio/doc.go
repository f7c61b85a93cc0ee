// Package audio is the booth's voice: a source (the synthetic booth's
// tone and clicks, a WAV file, or a microphone through miniaudio),
// mute and volume, an Opus encoder (libopus) and an RTP sender whose
// timestamps and RTCP sender reports are on the booth's capture clock,
// the clock FrameSet.capture_time_ns uses.
//
// Audio moves in 10 ms blocks of 480 mono samples at 48 kHz. A block's
// CaptureNs is the capture time of its first sample, on the 62.5 µs grid
// where Unix nanoseconds and the 48 kHz RTP clock meet exactly (three
// samples), so the RTP timestamp of every block is RTPTime(CaptureNs)
// with no rounding, and a sender report maps RTP time to capture time
// exactly. A receiver computes each packet's capture time as
// SR.NTP + (ts - SR.RTP)/48 kHz.
package audio
