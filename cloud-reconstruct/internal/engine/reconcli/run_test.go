package reconcli

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"go.uber.org/zap"

	"cloudme.dev/calibration/meshio"
	"cloudme.dev/calibration/synth"
	"cloudme.dev/cloud-reconstruct/internal/engine/enginetest"
	"cloudme.dev/cloud-reconstruct/internal/engine/source"
)

const templeDir = "../source/testdata/middlebury-temple-sparse-ring"

func parse(t *testing.T, args ...string) *Options {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	o := RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return o
}

// checkOutput reads back frame i's PLY and GLB and checks they hold the
// same closed mesh.
func checkOutput(t *testing.T, dir string, i int) {
	t.Helper()
	base := filepath.Join(dir, "frame_"+pad6(i))
	ply, err := meshio.ReadFile(base + ".ply")
	if err != nil {
		t.Fatal(err)
	}
	glb, err := meshio.ReadFile(base + ".glb")
	if err != nil {
		t.Fatal(err)
	}
	if err := enginetest.CheckClosed(ply); err != nil {
		t.Fatalf("frame %d PLY: %v", i, err)
	}
	if ply.TriangleCount() != glb.TriangleCount() || ply.VertexCount() != glb.VertexCount() {
		t.Fatalf("frame %d: PLY %d triangles, GLB %d", i, ply.TriangleCount(), glb.TriangleCount())
	}
	if !ply.HasColors() || !glb.HasColors() {
		t.Fatalf("frame %d: colours missing", i)
	}
}

func pad6(i int) string {
	s := "000000" + string(rune('0'+i))
	return s[len(s)-6:]
}

func TestRunMiddlebury(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	o := parse(t, "--in", templeDir, "--out", out, "--cell-mm", "4", "--mask-threshold", "0.19", "--dilate", "10", "--erode", "7")
	if err := Run(context.Background(), o, zap.NewNop()); err != nil {
		t.Fatal(err)
	}
	checkOutput(t, out, 0)
	m, err := meshio.ReadFile(filepath.Join(out, "frame_000000.ply"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.OpenMiddlebury(templeDir, source.MiddleburyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plo, phi, _ := src.PublishedBox()
	lo, hi := m.Bounds()
	for a := 0; a < 3; a++ {
		if float64(lo[a]) > plo[a]+0.002 || float64(hi[a]) < phi[a]-0.002 || float64(lo[a]) < plo[a]-0.015 || float64(hi[a]) > phi[a]+0.015 {
			t.Errorf("axis %c: mesh %.4f..%.4f, published %.4f..%.4f", "xyz"[a], lo[a], hi[a], plo[a], phi[a])
		}
	}
}

func TestRunSynth(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), t.TempDir()
	booth, man, err := synth.Options{Frames: 2, FPS: 30, Cameras: 3, Resolution: "720p", Motion: "standing", Seed: 3}.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.WriteDataset(in, booth, man, nil); err != nil {
		t.Fatal(err)
	}
	o := parse(t, "--in", in, "--out", out, "--cell-mm", "10", "--smoothing", "0.5")
	if err := Run(context.Background(), o, zap.NewNop()); err != nil {
		t.Fatal(err)
	}
	checkOutput(t, out, 0)
	checkOutput(t, out, 1)
	if _, err := os.Stat(filepath.Join(out, "frame_000002.ply")); !os.IsNotExist(err) {
		t.Fatal("a third frame was written")
	}
}

func TestRunUsageErrors(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		want error
	}{
		{"no input", []string{"--out", empty}, ErrUsage},
		{"bad format", []string{"--in", templeDir, "--out", empty, "--format", "xyz"}, ErrUsage},
		{"unknown folder", []string{"--in", empty, "--out", empty}, ErrUsage},
		{"lo without hi", []string{"--in", templeDir, "--out", empty, "--lo", "0,0,0"}, ErrUsage},
		{"bad vector", []string{"--in", templeDir, "--out", empty, "--lo", "0,0", "--hi", "1,1,1"}, ErrUsage},
		{"negative frames", []string{"--in", templeDir, "--out", empty, "--frames", "-1"}, ErrUsage},
		{"unseen value", []string{"--in", templeDir, "--out", empty, "--unseen-carves", "maybe"}, ErrUsage},
		{"bad threshold", []string{"--in", templeDir, "--out", empty, "--mask-threshold", "2"}, source.ErrOptions},
		{"synth folder as middlebury", []string{"--in", empty, "--out", empty, "--format", "middlebury"}, source.ErrFolder},
	}
	for _, tc := range tests {
		err := Run(context.Background(), parse(t, tc.args...), zap.NewNop())
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}
