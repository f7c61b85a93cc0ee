package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

func TestReconstructBadInput(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{})
	sc := newScene(t, r, twoSpheres)
	other := testRing(t, rig.Distortion{})
	other.Cameras[2].Pose.T[0] += 0.1
	otherScene := newScene(t, other, twoSpheres)
	tests := []struct {
		name   string
		fs     func() *frameset.FrameSet
		want   error
		camera string
	}{
		{"nil frame set", func() *frameset.FrameSet { return nil }, ErrFrameSet, ""},
		{"no views", func() *frameset.FrameSet { return &frameset.FrameSet{Rig: r} }, ErrFrameSet, ""},
		{"empty mask", func() *frameset.FrameSet {
			fs := *sc.fs
			fs.Views = append([]frameset.View(nil), sc.fs.Views...)
			v, err := frameset.CropView(r, 5, maskcodec.New(240, 180), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			fs.Views[5] = v
			return &fs
		}, ErrEmptyMask, "camera 5"},
		{"mask of wrong size", func() *frameset.FrameSet {
			fs := *sc.fs
			fs.Views = append([]frameset.View(nil), sc.fs.Views...)
			fs.Views[1].Mask = maskcodec.Mask{Width: 3, Height: 3, Pix: make([]uint8, 9)}
			return &fs
		}, ErrFrameSet, "camera 1"},
		{"another rig", func() *frameset.FrameSet { return otherScene.fs }, ErrFrameSet, "camera 2"},
		{"NaN in the frame set's rig", func() *frameset.FrameSet {
			bad := testRing(t, rig.Distortion{})
			fs := newScene(t, bad, twoSpheres).fs
			bad.Cameras[4].K.Cx = nanValue()
			return fs
		}, ErrFrameSet, "camera 4"},
	}
	e, err := NewCPU(Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, tc := range tests {
		var m mesh.Mesh
		_, err := e.Reconstruct(context.Background(), tc.fs(), &m)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			continue
		}
		if tc.camera != "" && !strings.Contains(err.Error(), tc.camera) {
			t.Errorf("%s: error %q does not name %s", tc.name, err, tc.camera)
		}
	}
	// The engine still works after bad input.
	var m mesh.Mesh
	if _, err := e.Reconstruct(context.Background(), sc.fs, &m); err != nil {
		t.Fatalf("good frame after bad ones: %v", err)
	}
	if _, err := e.Reconstruct(context.Background(), sc.fs, nil); !errors.Is(err, ErrFrameSet) {
		t.Errorf("nil mesh: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Reconstruct(ctx, sc.fs, &m); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Reconstruct(context.Background(), sc.fs, &m); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: got %v", err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}
