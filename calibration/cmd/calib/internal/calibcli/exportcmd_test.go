package calibcli

import (
	"path/filepath"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

// TestExportImportRoundTrip exports a rig to COLMAP and OpenCV and imports
// it back.
func TestExportImportRoundTrip(t *testing.T) {
	t.Parallel()
	s, err := solve.Synthetic(solve.SynthParams{Cameras: 3, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "rig.yaml")
	if err := (&rig.Rig{BoothID: "b1", Cameras: s.Cameras}).Save(src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "export")
	if code, _, stderr := runCLI(t, "export", "--rig", src, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	back := filepath.Join(dir, "back.yaml")
	if code, _, stderr := runCLI(t, "import", "--format", "colmap", "--cameras", filepath.Join(out, "colmap", "cameras.txt"),
		"--images-txt", filepath.Join(out, "colmap", "images.txt"), "--booth", "b1", "--out", back); code != 0 {
		t.Fatal(stderr)
	}
	r, err := rig.Load(back)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range r.Cameras {
		want := s.Cameras[i]
		if c.K != want.K || c.D != want.D || dist3(c.Center(), want.Center()) > 1e-9 {
			t.Errorf("camera %d changed in the round trip: %+v", c.ID, c)
		}
	}
	ocv := filepath.Join(dir, "ocv.yaml")
	files := filepath.Join(out, "opencv", "cam00.yaml") + "," + filepath.Join(out, "opencv", "cam02.yaml")
	if code, _, stderr := runCLI(t, "import", "--format", "opencv", "--files", files, "--out", ocv); code != 0 {
		t.Fatal(stderr)
	}
	r, err = rig.Load(ocv)
	if err != nil || len(r.Cameras) != 2 || r.Cameras[1].ID != 2 || r.Cameras[1].K != s.Cameras[2].K {
		t.Fatalf("opencv import: %v %+v", err, r)
	}
}
