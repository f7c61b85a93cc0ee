package synth

import (
	"errors"
	"math"
	"path/filepath"
	"testing"

	"cloudme.dev/calibration/meshio"
)

func TestOptionsBuild(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "box.ply")
	if err := meshio.WriteFile(path, boxMesh([3]float32{0, 0, 0}, [3]float32{0.4, 1.7, 0.3})); err != nil {
		t.Fatal(err)
	}
	b, m, err := Options{Frames: 1, FPS: 30, Cameras: 2, Resolution: "720p", PersonMesh: path}.Build()
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject.Kind != "mesh" || math.Abs(m.Subject.Height-1.7) > 1e-6 || len(b.Rig.Cameras) != 2 {
		t.Errorf("subject %+v", m.Subject)
	}
	for _, o := range []Options{
		{Cameras: 2, Resolution: "720p", Motion: "moonwalk"},
		{Cameras: 99, Motion: "tour"},
		{Cameras: 2, Resolution: "720p", Motion: "tour", Realism: Realism{Jitter: 1}},
	} {
		if _, _, err := o.Build(); !errors.Is(err, ErrParams) {
			t.Errorf("%+v: got %v, want ErrParams", o, err)
		}
	}
	if _, _, err := (Options{PersonMesh: filepath.Join(t.TempDir(), "none.obj")}).Build(); err == nil {
		t.Error("missing mesh file gave no error")
	}
}
