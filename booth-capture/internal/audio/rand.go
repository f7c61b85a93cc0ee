package audio

import "math/rand/v2"

// randUint32 starts RTP sequence numbers at a random point (RFC 3550).
func randUint32() uint32 { return rand.Uint32() }
