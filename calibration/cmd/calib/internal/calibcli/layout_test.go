package calibcli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func touch(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestScanCameras(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	single := filepath.Join(root, "single")
	touch(t, filepath.Join(single, "b.png"), filepath.Join(single, "a.JPG"), filepath.Join(single, "notes.txt"))
	rigDir := filepath.Join(root, "rig")
	touch(t, filepath.Join(rigDir, "cam10", "v1.png"), filepath.Join(rigDir, "cam02", "v1.png"), filepath.Join(rigDir, "cam02", "v2.png"), filepath.Join(rigDir, "extra", "x.png"))
	dup := filepath.Join(root, "dup")
	touch(t, filepath.Join(dup, "cam1", "a.png"), filepath.Join(dup, "c01", "a.png"))
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}

	cams, err := scanCameras(single, 7)
	if err != nil || len(cams) != 1 || cams[0].ID != 7 || len(cams[0].Files) != 2 || viewName(cams[0].Files[0]) != "a" {
		t.Fatalf("single: %+v %v", cams, err)
	}
	cams, err = scanCameras(rigDir, 0)
	if err != nil || len(cams) != 2 || cams[0].ID != 2 || cams[1].ID != 10 || len(cams[0].Files) != 2 {
		t.Fatalf("rig: %+v %v", cams, err)
	}
	for _, tc := range []struct{ dir, text string }{
		{dup, "both name camera 1"},
		{empty, "no images"},
		{filepath.Join(root, "missing"), "missing"},
	} {
		_, err := scanCameras(tc.dir, 0)
		if err == nil || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: err = %v", tc.dir, err)
		}
	}
	if _, err := scanRig(empty); !errors.Is(err, ErrLayout) {
		t.Errorf("empty rig: %v", err)
	}
}
