package frameset

import (
	"testing"

	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// FuzzDecode feeds arbitrary bytes through the receive path: wire.Decode,
// then Decode against a fixed rig. It must never panic, and a frame set it
// accepts must pass Check.
func FuzzDecode(f *testing.F) {
	good, err := wire.Encode(&pb.Envelope{ProtocolVersion: wire.ProtocolVersion,
		Body: &pb.Envelope_FrameSet{FrameSet: goodFrameSet(f)}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	r := testRig(f)
	d, err := NewDecoder()
	if err != nil {
		f.Fatal(err)
	}
	var fs FrameSet
	f.Fuzz(func(t *testing.T, data []byte) {
		env, err := wire.Decode(data)
		if err != nil {
			return
		}
		pfs := env.GetFrameSet()
		if pfs == nil {
			return
		}
		if err := d.DecodeInto(&fs, pfs, r); err != nil {
			return
		}
		if err := fs.Check(); err != nil {
			t.Fatalf("Decode accepted a frame set that Check refuses: %v", err)
		}
	})
}
