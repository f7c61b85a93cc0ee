package audio

// The block format.
const (
	SampleRate   = 48000
	BlockSamples = 480 // 10 ms
	BlockNs      = int64(BlockSamples) * 1e9 / SampleRate
	// gridNs is the period at which Unix ns and 48 kHz sample instants
	// coincide: 3 samples, 62.5 µs.
	gridNs = 62500
)

// Block is 10 ms of mono audio.
type Block struct {
	Samples []int16 // BlockSamples of them
	// CaptureNs is the capture time of the first sample, Unix ns on the
	// booth's clock, a multiple of 62.5 µs.
	CaptureNs int64
}

// AlignNs rounds ns up to the 62.5 µs grid.
func AlignNs(ns int64) int64 {
	if r := ns % gridNs; r != 0 {
		return ns + gridNs - r
	}
	return ns
}

// RTPTime is the 48 kHz RTP timestamp of the instant ns (Unix ns), modulo
// 2^32: floor(ns·48000/1e9), exact on the 62.5 µs grid.
func RTPTime(ns int64) uint32 {
	sec, frac := ns/1e9, ns%1e9
	return uint32(sec*SampleRate + frac*SampleRate/1e9)
}

// CaptureOf inverts RTPTime near a reference: the capture time of RTP
// time ts, given that RTP time refTS was at refNs (a sender report).
// Timestamps within ±12 hours of the reference map correctly.
func CaptureOf(ts, refTS uint32, refNs int64) int64 {
	d := int64(int32(ts - refTS))
	return refNs + d*1e9/SampleRate
}
