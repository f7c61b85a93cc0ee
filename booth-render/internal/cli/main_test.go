package cli

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/proto/mesh"
)

func TestSnapshotCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "slab.ply")
	m := &mesh.Mesh{
		Positions: []float32{-0.2, 0, 0, 0.2, 0, 0, 0.2, 1.8, 0, -0.2, 1.8, 0},
		Colors:    []uint8{220, 30, 30, 220, 30, 30, 220, 30, 30, 220, 30, 30},
		Indices:   []uint32{0, 1, 2, 0, 2, 3},
	}
	if err := meshio.WriteFile(in, m); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.png")
	var errs bytes.Buffer
	if code := Main([]string{"snapshot", "--model", in, "--out", out, "--width", "384", "--height", "216"}, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 384 || b.Dy() != 216 {
		t.Fatalf("size %v", b)
	}
	if r, _, _, _ := img.At(192, 150).RGBA(); r>>8 < 100 {
		t.Fatal("the model is not in the snapshot")
	}
}

func TestCommandErrors(t *testing.T) {
	t.Parallel()
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("screen: {width_m: -1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"dance"}, "unknown command"},
		{[]string{"snapshot"}, "--model is required"},
		{[]string{"snapshot", "--model", "x.ply", "--width", "10"}, "both --width and --height"},
		{[]string{"snapshot", "--model", "/nonexistent.ply"}, "unreadable model file"},
		{[]string{"snapshot", "--model", "x.ply", "--display", bad}, "screen.width_m"},
		{[]string{"run", "--display", bad}, "screen.width_m"},
		{[]string{"run", "--listen", "127.0.0.1:0", "--cloud", "http://127.0.0.1:1"}, "give a meeting or a booth"},
	}
	for _, tc := range cases {
		var errs bytes.Buffer
		if code := Main(tc.args, &errs); code == 0 || !strings.Contains(errs.String(), tc.want) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errs.String())
		}
	}
}
