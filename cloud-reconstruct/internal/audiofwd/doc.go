// Package audiofwd forwards each booth's voice to the renderers that hear
// it, without transcoding: the booth's Opus RTP packets go out unchanged
// but for SSRC and payload type (rewritten per outgoing track by pion),
// and the booth's RTCP sender reports go out with the outgoing track's
// SSRC and their NTP time converted from the booth's clock to the cloud's
// with the booth session's clock-offset estimate, the same conversion
// ingest applies to frame-set times (ModelFrame.capture_time_ns). So a
// renderer maps audio and models to capture times on one clock, the
// cloud's, as it does for display reports. The cloud writes no sender
// reports of its own (calibration/link negotiates no interceptors).
//
// Renderers get their tracks at subscribe time, one per booth they hear
// (stream id = booth id), before that booth's audio has arrived, so
// nothing is renegotiated when a booth starts or stops speaking.
package audiofwd
