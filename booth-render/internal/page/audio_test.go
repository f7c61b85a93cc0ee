package page

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"

	"cloudme.dev/booth-render/internal/audio"
)

func TestAppendAudio(t *testing.T) {
	t.Parallel()
	b, err := AppendAudio(nil, audio.Packet{Stream: "booth-a", Seq: 7, PlayNs: 1_763_760_000_123_456_789, Payload: []byte{0xf8, 1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if le.Uint32(b) != audioMagic || le.Uint16(b[4:]) != 7 || b[6] != 7 || string(b[16:23]) != "booth-a" || string(b[23:]) != "\xf8\x01\x02" {
		t.Fatalf("message % x", b)
	}
	// Unix ms as a float64 keeps the play time to well under a µs.
	if ms := math.Float64frombits(le.Uint64(b[8:])); math.Abs(ms*1e6-1_763_760_000_123_456_789) > 1000 {
		t.Fatalf("play time %f ms", ms)
	}
	for _, bad := range []string{"", strings.Repeat("x", 65)} {
		if _, err := AppendAudio(nil, audio.Packet{Stream: bad}); !errors.Is(err, ErrParams) {
			t.Errorf("stream %q: %v", bad, err)
		}
	}
}
