package report

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestWritePlots(t *testing.T) {
	t.Parallel()
	s := testSession(KindExtrinsics, 2, 8, []float64{0.9, 0.3}, []float64{0.2, 0.4})
	dir := t.TempDir()
	paths, err := WritePlots(s, Analyse(s, DefaultThresholds()), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"camera_rms.png", "coverage_cam00.png", "residuals_cam00.png", "view_rms_cam00.png", "coverage_cam01.png"}
	have := map[string]bool{}
	for _, p := range paths {
		have[filepath.Base(p)] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Fatalf("missing %s in %v", w, paths)
		}
		f, err := os.Open(filepath.Join(dir, w))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", w, err)
		}
		if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 200 {
			t.Fatalf("%s: %v", w, b)
		}
	}
	if _, err := WritePlots(s, Analyse(s, DefaultThresholds()), filepath.Join(dir, "no", "such")); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}
