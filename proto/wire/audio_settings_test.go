package wire

import (
	"errors"
	"math"
	"testing"

	"google.golang.org/protobuf/proto"

	"cloudme.dev/proto/pb"
)

func audioSettings(a *pb.AudioSettings) *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_AudioSettings{AudioSettings: a}}}}
}

func TestAudioSettingsRoundTripAndRefusals(t *testing.T) {
	t.Parallel()
	c := NewCodec(DefaultLimits)
	ok := audioSettings(&pb.AudioSettings{Muted: proto.Bool(true), Volume: proto.Float64(0.5)})
	b, err := c.Encode(ok)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if a := got.GetControl().GetAudioSettings(); !a.GetMuted() || a.GetVolume() != 0.5 {
		t.Fatalf("got %v", a)
	}
	for name, bad := range map[string]*pb.AudioSettings{
		"nothing set": {},
		"volume 3":    {Volume: proto.Float64(3)},
		"volume NaN":  {Volume: proto.Float64(math.NaN())},
		"negative":    {Volume: proto.Float64(-1)},
	} {
		if _, err := c.Encode(audioSettings(bad)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
