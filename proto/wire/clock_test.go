package wire

import (
	"testing"
	"time"

	"cloudme.dev/proto/pb"
)

func TestSampleClock(t *testing.T) {
	t.Parallel()
	// Peer clock 250 ms ahead, 10 ms each way, held 1 ms.
	const ms = int64(time.Millisecond)
	t1 := int64(1000 * ms)
	t2 := t1 + 10*ms + 250*ms
	t3 := t2 + 1*ms
	t4 := t1 + 21*ms
	s := SampleClock(&pb.Pong{PingSentNs: t1, ReceivedNs: t2, SentNs: t3}, t4)
	if s.Offset != 250*time.Millisecond || s.RTT != 20*time.Millisecond {
		t.Fatalf("got %+v", s)
	}
	// Asymmetric legs (5 ms out, 15 ms back): the error is half the
	// asymmetry, within RTT/2.
	t2 = t1 + 5*ms + 250*ms
	t3 = t2 + 1*ms
	s = SampleClock(&pb.Pong{PingSentNs: t1, ReceivedNs: t2, SentNs: t3}, t4)
	if s.Offset != 245*time.Millisecond || s.RTT != 20*time.Millisecond {
		t.Fatalf("asymmetric: got %+v", s)
	}
}
