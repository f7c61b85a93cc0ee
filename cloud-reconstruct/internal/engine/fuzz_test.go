package engine

import (
	"context"
	"errors"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine/enginetest"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
	"cloudme.dev/proto/pb"
	"cloudme.dev/proto/wire"
)

// fuzzRig is a small ring: four 48x36 cameras.
func fuzzRig(t testing.TB) *rig.Rig {
	t.Helper()
	r, err := enginetest.Ring(enginetest.RingParams{Cameras: 4, Width: 48, Height: 36, Radius: 2,
		Heights: []float64{1}, Target: [3]float64{0, 1, 0}, FovDeg: 50, Distortion: rig.Distortion{K1: -0.1}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// encodeScene renders the spheres for r and encodes them as a wire frame
// set, the masks at 1/d of the image.
func encodeScene(t testing.TB, r *rig.Rig, d int) []byte {
	t.Helper()
	masks, rgbs := enginetest.Render(r, twoSpheres)
	fs := &pb.FrameSet{BoothId: "fuzz", Sequence: 1, CaptureTimeNs: 1}
	for i, m := range masks {
		v, err := frameset.ScaledCropView(r, r.Cameras[i].ID, m, rgbs[i], 2, d)
		if err != nil {
			t.Fatal(err)
		}
		b, err := maskcodec.Encode(nil, &v.Mask)
		if err != nil {
			t.Fatal(err)
		}
		fs.Views = append(fs.Views, &pb.View{CameraId: uint32(r.Cameras[i].ID), Mask: b, MaskCodec: pb.MaskCodec_MASK_CODEC_ROWRUN_V1,
			Color: v.Color, ColorCodec: pb.ColorCodec_COLOR_CODEC_RAW_RGB, Scale: float32(v.Scale),
			Crop: &pb.Rect{X: uint32(v.Crop.Min.X), Y: uint32(v.Crop.Min.Y), Width: uint32(v.Crop.Dx()), Height: uint32(v.Crop.Dy())}})
	}
	b, err := wire.Encode(&pb.Envelope{ProtocolVersion: wire.ProtocolVersion, Body: &pb.Envelope_FrameSet{FrameSet: fs}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzReconstruct runs the whole receive path on arbitrary bytes: wire,
// frame-set decoding, reconstruction. Nothing may panic, and a mesh the
// engine returns must be valid and closed, and the engine may fail only
// with a clear error about its input, never an internal one (a broken
// invariant). The seeds are the spheres at full scale and at 1/6.
func FuzzReconstruct(f *testing.F) {
	r := fuzzRig(f)
	f.Add(encodeScene(f, r, 1))
	f.Add(encodeScene(f, r, 6))
	e, err := NewCPU(Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.01, Workers: 2})
	if err != nil {
		f.Fatal(err)
	}
	dec, err := frameset.NewDecoder()
	if err != nil {
		f.Fatal(err)
	}
	var fs frameset.FrameSet
	var m mesh.Mesh
	f.Fuzz(func(t *testing.T, data []byte) {
		env, err := wire.Decode(data)
		if err != nil || env.GetFrameSet() == nil {
			return
		}
		if err := dec.DecodeInto(&fs, env.GetFrameSet(), r); err != nil {
			return
		}
		if _, err := e.Reconstruct(context.Background(), &fs, &m); err != nil {
			if errors.Is(err, ErrInternal) {
				t.Fatal(err)
			}
			return
		}
		if m.TriangleCount() > 0 {
			if err := enginetest.CheckClosed(&m); err != nil {
				t.Fatalf("reconstructed mesh: %v", err)
			}
		}
	})
}
