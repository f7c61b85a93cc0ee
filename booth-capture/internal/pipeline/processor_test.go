package pipeline

import (
	"bytes"
	"testing"

	"cloudme.dev/booth-capture/internal/frame"
	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

func TestProcessor(t *testing.T) {
	t.Parallel()
	b, err := synthbooth.New(synthbooth.Params{Cameras: 3, Resolution: "720p", Seed: 4, Background: true, Realism: synth.Realism{Noise: 2}})
	if err != nil {
		t.Fatal(err)
	}
	var cams []Camera
	for _, c := range b.Rig().Cameras {
		cams = append(cams, Camera{ID: uint32(c.ID), Width: c.Width, Height: c.Height})
	}
	pr, err := NewProcessor(ProcessorParams{Cameras: cams})
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	set := func(ts float64, person bool) *frame.Set {
		views, _, err := b.Render(ts, person)
		if err != nil {
			t.Fatal(err)
		}
		s := &frame.Set{CaptureNs: 1}
		for i, v := range views {
			s.Frames = append(s.Frames, frame.Frame{CameraID: cams[i].ID, Width: v.Width, Height: v.Height, Pix: bytes.Clone(v.Color), CaptureNs: 1})
		}
		return s
	}
	for k := 0; !pr.Ready(); k++ {
		if errs := pr.Learn(set(float64(k)/30, false)); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	// A broken camera (wrong buffer) is reported and listed missing; the
	// others carry on.
	s := set(0.5, true)
	s.Frames[1].Pix = s.Frames[1].Pix[:10]
	seg := pr.Segment(s)
	if len(seg.Errors) != 1 || len(seg.Fractions) != 2 {
		t.Fatalf("errors %v fractions %v", seg.Errors, seg.Fractions)
	}
	for id, f := range seg.Fractions {
		if f < 0.005 {
			t.Fatalf("camera %d sees %.4f of a person", id, f)
		}
	}
	views, missing, errs := pr.Encode(s)
	if len(views) != 2 || len(missing) != 1 || missing[0] != cams[1].ID || len(errs) != 0 {
		t.Fatalf("%d views, missing %v, errors %v", len(views), missing, errs)
	}
	if _, err := wire.Encode(&pb.Envelope{Body: &pb.Envelope_FrameSet{FrameSet: &pb.FrameSet{BoothId: "b", CaptureTimeNs: 1, Views: views, MissingCameras: missing}}}); err != nil {
		t.Fatal(err)
	}
	// The empty booth: nobody seen anywhere.
	seg = pr.Segment(set(0.6, false))
	for id, f := range seg.Fractions {
		if f != 0 {
			t.Fatalf("camera %d sees %.4f of a person in the empty booth", id, f)
		}
	}
	pr.Relearn()
	if pr.Ready() {
		t.Fatal("ready right after relearn")
	}
}
