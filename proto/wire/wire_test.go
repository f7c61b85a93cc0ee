package wire

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"cloudme.dev/proto/pb"
)

func validFrameSet() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: &pb.FrameSet{
		BoothId:       "booth-a",
		Sequence:      7,
		CaptureTimeNs: 1_700_000_000_000_000_000,
		Stages:        []*pb.StageTime{{Stage: pb.Stage_STAGE_SYNC, DoneNs: 1_700_000_000_001_000_000}},
		Views: []*pb.View{{
			CameraId:      3,
			CaptureTimeNs: 1_700_000_000_000_000_000,
			ExposureUs:    8000,
			Mask:          []byte{1, 2, 3},
			MaskCodec:     pb.MaskCodec_MASK_CODEC_ROWRUN_V1,
			Color:         bytes.Repeat([]byte{9}, 3*2*2),
			ColorCodec:    pb.ColorCodec_COLOR_CODEC_RAW_RGB,
			Crop:          &pb.Rect{X: 10, Y: 20, Width: 4, Height: 4},
			Scale:         0.5,
		}},
		MissingCameras: []uint32{5},
	}}}
}

func validHello() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_BoothHello{BoothHello: &pb.BoothHello{
		BoothId:         "booth-a",
		SoftwareVersion: "0.1.0",
		Rig: &pb.RigSummary{
			Cameras:   []*pb.CameraInfo{{CameraId: 0, Width: 1920, Height: 1080, Name: "north-high"}},
			RigSha256: make([]byte, 32),
		},
	}}}
}

func validModel() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_ModelFrame{ModelFrame: &pb.ModelFrame{
		SourceBooth:   "booth-a",
		Sequence:      7,
		CaptureTimeNs: 1,
		Mesh:          []byte{1},
		MeshCodec:     pb.MeshCodec_MESH_CODEC_CMESH_V1,
		Bounds:        &pb.Box{Min: &pb.Vec3{X: -1}, Max: &pb.Vec3{X: 1, Y: 2}},
	}}}
}

func validDisplay() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_DisplayReport{DisplayReport: &pb.DisplayReport{
		SourceBooth: "booth-a", Sequence: 7, DisplayTimeNs: 5, RendererId: "wall-1",
	}}}
}

func validPing() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Ping{Ping: &pb.Ping{Id: 1, SentNs: 10}}}}}
}

func validPong() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Pong{Pong: &pb.Pong{Id: 1, PingSentNs: 10, ReceivedNs: 20, SentNs: 21}}}}}
}

func validError() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_Error{Error: &pb.Error{Code: pb.ErrorCode_ERROR_CODE_RIG_MISMATCH, Message: "rig hash differs"}}}}}
}

func validEngineTook() *pb.Envelope {
	return &pb.Envelope{Body: &pb.Envelope_Control{Control: &pb.Control{Kind: &pb.Control_EngineTook{EngineTook: &pb.EngineTook{Sequence: 42, BusyUs: 48_000, EarlyUs: -3_000}}}}}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for name, mk := range map[string]func() *pb.Envelope{
		"hello": validHello, "frame set": validFrameSet, "model": validModel,
		"display": validDisplay, "ping": validPing, "pong": validPong, "error": validError,
		"engine took": validEngineTook,
	} {
		t.Run(name, func(t *testing.T) {
			env := mk()
			b, err := Encode(env)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.GetProtocolVersion() != ProtocolVersion {
				t.Fatalf("version %d", got.GetProtocolVersion())
			}
			if !proto.Equal(got, env) {
				t.Fatalf("round trip differs:\n%v\n%v", got, env)
			}
		})
	}
}

func TestRejects(t *testing.T) {
	t.Parallel()
	fs := func(f func(*pb.FrameSet)) func() *pb.Envelope {
		return func() *pb.Envelope { e := validFrameSet(); f(e.GetFrameSet()); return e }
	}
	view := func(f func(*pb.View)) func() *pb.Envelope {
		return fs(func(s *pb.FrameSet) { f(s.Views[0]) })
	}
	cases := []struct {
		name string
		env  func() *pb.Envelope
		want error
		text string
	}{
		{"newer version", func() *pb.Envelope { e := validPing(); e.ProtocolVersion = ProtocolVersion + 1; return e }, ErrVersion, "newer"},
		{"no body", func() *pb.Envelope { return &pb.Envelope{ProtocolVersion: 1} }, ErrInvalid, "no body"},
		{"engine busy 0", func() *pb.Envelope { e := validEngineTook(); e.GetControl().GetEngineTook().BusyUs = 0; return e }, ErrInvalid, "busy 0 us"},
		{"engine early", func() *pb.Envelope { e := validEngineTook(); e.GetControl().GetEngineTook().EarlyUs = 50_000; return e }, ErrInvalid, "beyond its busy time"},
		{"engine busy 2 min", func() *pb.Envelope {
			e := validEngineTook()
			e.GetControl().GetEngineTook().BusyUs = 120_000_000
			return e
		}, ErrInvalid, "want 1 to 60000000"},
		{"empty booth", fs(func(s *pb.FrameSet) { s.BoothId = "" }), ErrInvalid, "booth_id"},
		{"long booth", fs(func(s *pb.FrameSet) { s.BoothId = strings.Repeat("a", 65) }), ErrTooLarge, "booth_id"},
		{"booth charset", fs(func(s *pb.FrameSet) { s.BoothId = "a/../b" }), ErrInvalid, "booth_id"},
		{"no capture time", fs(func(s *pb.FrameSet) { s.CaptureTimeNs = 0 }), ErrInvalid, "capture_time"},
		{"bad stage", fs(func(s *pb.FrameSet) { s.Stages[0].Stage = 99 }), ErrInvalid, "stage"},
		{"duplicate view", fs(func(s *pb.FrameSet) { s.Views = append(s.Views, s.Views[0]) }), ErrInvalid, "camera 3 sent two"},
		{"sent and missing", fs(func(s *pb.FrameSet) { s.MissingCameras = []uint32{3} }), ErrInvalid, "both"},
		{"too many views", fs(func(s *pb.FrameSet) {
			for i := 0; i < 64; i++ {
				v := proto.Clone(s.Views[0]).(*pb.View)
				v.CameraId = uint32(100 + i)
				s.Views = append(s.Views, v)
			}
		}), ErrTooLarge, "views"},
		{"camera id", view(func(v *pb.View) { v.CameraId = 5000 }), ErrInvalid, "camera id 5000"},
		{"empty mask", view(func(v *pb.View) { v.Mask = nil }), ErrInvalid, "mask is empty"},
		{"mask codec", view(func(v *pb.View) { v.MaskCodec = 0 }), ErrInvalid, "mask codec"},
		{"colour codec", view(func(v *pb.View) { v.ColorCodec = 42 }), ErrInvalid, "colour codec"},
		{"colour with none", view(func(v *pb.View) { v.ColorCodec = pb.ColorCodec_COLOR_CODEC_NONE }), ErrInvalid, "NONE"},
		{"raw size", view(func(v *pb.View) { v.Color = v.Color[:5] }), ErrInvalid, "raw colour"},
		{"no crop", view(func(v *pb.View) { v.Crop = nil }), ErrInvalid, "crop"},
		{"crop outside", view(func(v *pb.View) { v.Crop.X = 8190 }), ErrInvalid, "crop"},
		{"scale zero", view(func(v *pb.View) { v.Scale = 0 }), ErrInvalid, "scale"},
		{"scale nan", view(func(v *pb.View) { v.Scale = float32(math.NaN()) }), ErrInvalid, "scale"},
		{"scale big", view(func(v *pb.View) { v.Scale = 2 }), ErrInvalid, "scale"},
		{"hello no rig", func() *pb.Envelope { e := validHello(); e.GetBoothHello().Rig = nil; return e }, ErrInvalid, "rig"},
		{"hello hash", func() *pb.Envelope { e := validHello(); e.GetBoothHello().Rig.RigSha256 = []byte{1}; return e }, ErrInvalid, "sha256"},
		{"hello rig file", func() *pb.Envelope {
			e := validHello()
			e.GetBoothHello().Rig.RigFile = make([]byte, 2<<20)
			return e
		}, ErrTooLarge, "rig_file"},
		{"hello size", func() *pb.Envelope { e := validHello(); e.GetBoothHello().Rig.Cameras[0].Width = 0; return e }, ErrInvalid, "image"},
		{"model codec", func() *pb.Envelope { e := validModel(); e.GetModelFrame().MeshCodec = 0; return e }, ErrInvalid, "mesh codec"},
		{"model empty", func() *pb.Envelope { e := validModel(); e.GetModelFrame().Mesh = nil; return e }, ErrInvalid, "empty"},
		{"model bounds", func() *pb.Envelope { e := validModel(); e.GetModelFrame().Bounds.Min.Y = 5; return e }, ErrInvalid, "axis y"},
		{"model nan", func() *pb.Envelope {
			e := validModel()
			e.GetModelFrame().Bounds.Max.Z = float32(math.Inf(1))
			return e
		}, ErrInvalid, "axis z"},
		{"display renderer", func() *pb.Envelope { e := validDisplay(); e.GetDisplayReport().RendererId = ""; return e }, ErrInvalid, "renderer_id"},
		{"pong order", func() *pb.Envelope { e := validPong(); e.GetControl().GetPong().SentNs = 1; return e }, ErrInvalid, "pong"},
		{"error code", func() *pb.Envelope { e := validError(); e.GetControl().GetError().Code = 77; return e }, ErrInvalid, "code"},
		{"error text", func() *pb.Envelope {
			e := validError()
			e.GetControl().GetError().Message = strings.Repeat("x", 2000)
			return e
		}, ErrTooLarge, "message"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := tc.env()
			if env.ProtocolVersion == 0 {
				env.ProtocolVersion = ProtocolVersion
			}
			// The sender refuses it...
			if _, err := Encode(proto.Clone(env).(*pb.Envelope)); !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("encode: got %v, want %v mentioning %q", err, tc.want, tc.text)
			}
			// ...and so does a receiver of a hostile sender.
			b, err := proto.Marshal(env)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Decode(b); !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("decode: got %v, want %v mentioning %q", err, tc.want, tc.text)
			}
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	t.Parallel()
	small := DefaultLimits
	small.MaxEnvelopeBytes = 16
	c := NewCodec(small)
	if _, err := c.Decode(make([]byte, 17)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized: %v", err)
	}
	if _, err := c.Encode(validFrameSet()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized encode: %v", err)
	}
	if _, err := Decode([]byte{0xff, 0xff, 0xff}); !errors.Is(err, ErrMalformed) {
		t.Fatalf("garbage: %v", err)
	}
	if _, err := Decode(nil); !errors.Is(err, ErrVersion) {
		t.Fatalf("empty: %v", err)
	}
	b, _ := proto.Marshal(&pb.Envelope{Body: validPing().Body})
	if _, err := Decode(b); !errors.Is(err, ErrVersion) || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("no version: %v", err)
	}
}

func TestTruncations(t *testing.T) {
	t.Parallel()
	b, err := Encode(validFrameSet())
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(b); n++ {
		if _, err := Decode(b[:n]); err == nil {
			// A prefix may happen to be a valid message only if it ends on
			// a field boundary; it must then still pass validation, which
			// a frame set missing its views cannot.
			t.Fatalf("prefix of %d bytes decoded", n)
		}
	}
}

func TestScaledSize(t *testing.T) {
	t.Parallel()
	v := &pb.View{Crop: &pb.Rect{Width: 101, Height: 3}, Scale: 0.5}
	if w, h := ScaledSize(v); w != 51 || h != 2 {
		t.Fatalf("got %dx%d", w, h)
	}
	v.Scale = 0.01
	if w, h := ScaledSize(v); w != 1 || h != 1 {
		t.Fatalf("got %dx%d", w, h)
	}
}

// Envelopes of versions 1 (before STAGE_QUEUE) and 2 (before EngineTook)
// are still understood.
func TestAcceptsOlderVersions(t *testing.T) {
	t.Parallel()
	for v := uint32(1); v < ProtocolVersion; v++ {
		env := validFrameSet()
		env.ProtocolVersion = v
		b, err := Encode(env)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(b)
		if err != nil || got.GetProtocolVersion() != v {
			t.Fatalf("version %d: %v, %v", v, got.GetProtocolVersion(), err)
		}
	}
}
