package calibcli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies a folder (the shared booth) so a test may change it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestBadInput checks that each kind of bad input ends with exit status 1
// (2 for usage) and a one-line reason naming the file or camera at fault.
func TestBadInput(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	junkDir := filepath.Join(tmp, "junk")
	touch(t, filepath.Join(junkDir, "a.png"), filepath.Join(junkDir, "b.jpg"))
	corrupt := filepath.Join(tmp, "corrupt.yaml")
	if err := os.WriteFile(corrupt, []byte("version: 1\nbooth_id: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args func(t *testing.T) []string
		code int
		text []string
	}{
		{"no-board-anywhere", func(*testing.T) []string {
			return []string{"intrinsics", "--images", junkDir, "--out", filepath.Join(tmp, "o1")}
		}, 1, []string{"camera 0 (" + junkDir + "): none of its 2 images shows a 9x6 board"}},
		{"missing-folder", func(*testing.T) []string {
			return []string{"intrinsics", "--images", filepath.Join(tmp, "nope")}
		}, 1, []string{"nope"}},
		{"corrupt-rig", func(*testing.T) []string {
			return []string{"verify", "--rig", corrupt, "--images", junkDir}
		}, 1, []string{"rig file " + corrupt}},
		{"corrupt-intrinsics", func(*testing.T) []string {
			return []string{"export", "--rig", corrupt, "--out", filepath.Join(tmp, "o2")}
		}, 1, []string{corrupt}},
		{"usage", func(*testing.T) []string { return []string{"intrinsics"} }, 2, []string{"--images is required"}},
		{"symmetric-board", func(*testing.T) []string {
			return []string{"extrinsics", "--images", junkDir, "--cols", "7", "--rows", "7"}
		}, 2, []string{"7x7 board looks the same turned by 180°"}},
		{"camera-without-shared-views", func(t *testing.T) []string {
			dir := copyTree(t, sharedBooth(t).dir)
			cam := filepath.Join(dir, "cam03")
			files, _ := filepath.Glob(filepath.Join(cam, "*.png"))
			for _, f := range files {
				if err := os.Rename(f, filepath.Join(cam, "solo-"+filepath.Base(f))); err != nil {
					t.Fatal(err)
				}
			}
			return []string{"extrinsics", "--images", dir, "--square", "0.1", "--intrinsics", saveIntrinsics(t, sharedBooth(t).cams), "--out", filepath.Join(t.TempDir(), "o")}
		}, 1, []string{"camera 3: none of its", "is seen by another camera"}},
		{"no-floor-view", func(t *testing.T) []string {
			return []string{"extrinsics", "--images", sharedBooth(t).dir, "--square", "0.1", "--floor", "ground", "--intrinsics", saveIntrinsics(t, sharedBooth(t).cams), "--out", filepath.Join(t.TempDir(), "o")}
		}, 1, []string{`floor view "ground"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runCLI(t, tc.args(t)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, stderr)
			}
			last := lastLine(stderr)
			for _, want := range tc.text {
				if !strings.Contains(last, want) {
					t.Fatalf("last stderr line %q lacks %q", last, want)
				}
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestIntrinsicsCLIReal runs calib intrinsics on the 13 OpenCV sample
// images plus one unreadable file, checking the skip reason and the JSON.
func TestIntrinsicsCLIReal(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "left")
	if err := os.CopyFS(dir, os.DirFS("../../../../detect/testdata/opencv-chessboard-left")); err != nil {
		t.Fatal(err)
	}
	touch(t, filepath.Join(dir, "left99.png"))
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "intrinsics", "--images", dir, "--square", "1", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "camera 0: RMS 0.196 px over 13 of 14 images") || !strings.Contains(stdout, "skipped "+filepath.Join(dir, "left99.png")+": unreadable") {
		t.Fatalf("stdout:\n%s", stdout)
	}
	code, stdout, stderr = runCLI(t, "report", "--session", filepath.Join(out, "session.json"))
	if code != 0 || !strings.Contains(stdout, "camera 0") {
		t.Fatalf("report exit %d\n%s\n%s", code, stdout, stderr)
	}
}
