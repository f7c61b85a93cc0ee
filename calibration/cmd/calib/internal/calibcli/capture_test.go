package calibcli

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stepSources turns the shared booth into one replay folder per camera
// with a frame for every round: round k shows view k (the floor first),
// or a bare grey frame where the camera does not see it.
func stepSources(t *testing.T) (dirs map[int]string, rounds int) {
	t.Helper()
	rb := sharedBooth(t)
	root := t.TempDir()
	grey := image.NewGray(image.Rect(0, 0, rb.cams[0].Width, rb.cams[0].Height))
	draw.Draw(grey, grey.Bounds(), image.NewUniform(color.Gray{Y: 100}), image.Point{}, draw.Src)
	dirs = map[int]string{}
	rounds = len(rb.scene.Views)
	for _, c := range rb.cams {
		dir := filepath.Join(root, fmt.Sprintf("cam%02d", c.ID))
		dirs[c.ID] = dir
		for v := 0; v < rounds; v++ {
			name := fmt.Sprintf("view%03d.png", v)
			if v == 0 {
				name = "floor.png"
			}
			dst := filepath.Join(dir, fmt.Sprintf("f%03d.png", v))
			data, err := os.ReadFile(filepath.Join(rb.dir, fmt.Sprintf("cam%02d", c.ID), name))
			if err != nil {
				writePNG(t, dst, grey)
				continue
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dirs, rounds
}

func TestCapture(t *testing.T) {
	t.Parallel()
	dirs, rounds := stepSources(t)
	var srcArgs []string
	for id, d := range dirs {
		srcArgs = append(srcArgs, "--source", fmt.Sprintf("%d=dir:%s", id, d))
	}
	tests := []struct {
		name   string
		limits []string
		code   int
		text   string
	}{
		{"stops-when-covered", []string{"--min-views", "3", "--min-shared", "2", "--min-coverage", "0.1", "--min-edges", "0"}, 0, "coverage suffices after"},
		{"stops-short", []string{"--min-views", "100", "--max-frames", "6"}, 1, "stopped after 6 frame sets with coverage short: camera 0: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "shots")
			args := append(append([]string{"capture", "--out", out}, srcArgs...), tc.limits...)
			code, stdout, stderr := runCLI(t, args...)
			if code != tc.code || !strings.Contains(stdout+lastLine(stderr), tc.text) {
				t.Fatalf("exit %d, want %d with %q\n%s\n%s", code, tc.code, tc.text, stdout, stderr)
			}
			if !strings.Contains(stderr, "floor kept (") || !strings.Contains(stderr, "pairs 0-1:") {
				t.Fatalf("no live feedback on stderr:\n%s", stderr)
			}
			if _, err := os.Stat(filepath.Join(out, "cam00", "floor.png")); err != nil {
				t.Fatal(err)
			}
			if tc.code == 0 {
				var frames int
				if _, err := fmt.Sscanf(stdout, "coverage suffices after %d frame sets", &frames); err != nil || frames >= rounds {
					t.Fatalf("stopped after %d of %d rounds (%v)", frames, rounds, err)
				}
			}
		})
	}
}

func TestSourceFlag(t *testing.T) {
	t.Parallel()
	s := sourceFlag{}
	for _, bad := range []string{"x", "a=b", "-1=dir:x", "1="} {
		if err := s.Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if err := s.Set("3=dir:x"); err != nil || s[3] != "dir:x" {
		t.Fatalf("%v %v", err, s)
	}
	if err := s.Set("3=dir:y"); err == nil {
		t.Fatal("duplicate camera accepted")
	}
}
