package wire

import (
	"time"

	"cloudme.dev/proto/pb"
)

// ClockSample is what one ping/pong exchange says about the peer's clock.
type ClockSample struct {
	// Offset is the peer's clock minus ours: add it to our time to get the
	// peer's.
	Offset time.Duration
	// RTT is the round trip less the time the peer held the ping.
	RTT time.Duration
}

// SampleClock applies NTP's four-timestamp estimate to a Pong that arrived
// at receivedNs on our clock. The estimate is exact when the two legs of
// the round trip take equal time; its error is at most RTT/2.
func SampleClock(p *pb.Pong, receivedNs int64) ClockSample {
	t1, t2, t3, t4 := p.GetPingSentNs(), p.GetReceivedNs(), p.GetSentNs(), receivedNs
	return ClockSample{
		Offset: time.Duration(((t2 - t1) + (t3 - t4)) / 2),
		RTT:    time.Duration((t4 - t1) - (t3 - t2)),
	}
}
