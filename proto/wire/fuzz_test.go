package wire

import (
	"errors"
	"testing"

	"google.golang.org/protobuf/proto"

	"cloudme.dev/proto/pb"
)

// FuzzDecode feeds arbitrary bytes to the envelope decoder: it must return
// a message that re-encodes, or one of the package's errors, never panic.
func FuzzDecode(f *testing.F) {
	for _, env := range []*pb.Envelope{validHello(), validFrameSet(), validModel(), validDisplay(), validPing(), validPong(), validError(), validEngineTook()} {
		env.ProtocolVersion = ProtocolVersion
		b, err := proto.Marshal(env)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		env, err := Decode(b)
		if err != nil {
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrInvalid) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if _, err := Encode(env); err != nil {
			t.Fatalf("decoded message does not re-encode: %v", err)
		}
	})
}
