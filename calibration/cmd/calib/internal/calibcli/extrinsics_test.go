package calibcli

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

func runCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(append(args, "-log-level", "warn"), &o, &e)
	return code, o.String(), e.String()
}

// saveIntrinsics writes the true intrinsics (poses at identity) as the
// rig file calib intrinsics would produce.
func saveIntrinsics(t testing.TB, cams []rig.Camera) string {
	t.Helper()
	r := &rig.Rig{BoothID: "test"}
	for _, c := range cams {
		c.Pose = rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}
		r.Cameras = append(r.Cameras, c)
	}
	p := filepath.Join(t.TempDir(), "intrinsics.yaml")
	if err := r.Save(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExtrinsicsRenderedEndToEnd renders a board into the virtual cameras,
// detects it with OpenCV and solves the rig through the command line.
func TestExtrinsicsRenderedEndToEnd(t *testing.T) {
	t.Parallel()
	rb := sharedBooth(t)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "extrinsics", "--images", rb.dir, "--intrinsics", saveIntrinsics(t, rb.cams),
		"--cols", "9", "--rows", "6", "--square", "0.1", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	var res struct {
		OK  bool    `json:"ok"`
		RMS float64 `json:"rms_px"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || !res.OK {
		t.Fatalf("json %v: %s", err, stdout)
	}
	if res.RMS > 0.2 {
		t.Errorf("RMS %.3f px on rendered images", res.RMS)
	}
	r, err := rig.Load(filepath.Join(out, "rig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range r.Cameras {
		truth := rb.cams[i]
		if d := dist3(c.Center(), truth.Center()); d > 0.002 {
			t.Errorf("camera %d: centre off by %.2f mm", c.ID, d*1000)
		}
		if a := solve.RotationAngle(c.Pose.R, truth.Pose.R) * 180 / math.Pi; a > 0.1 {
			t.Errorf("camera %d: rotation off by %.3f°", c.ID, a)
		}
	}
	for _, f := range []string{"opencv/cam00.yaml", "colmap/cameras.txt", "colmap/images.txt", "session.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing output %s", f)
		}
	}

	// The report on this session passes and draws its plots.
	code, stdout, stderr = runCLI(t, "report", "--session", filepath.Join(out, "session.json"), "--min-shared", "2")
	if code != 0 || !strings.Contains(stdout, "verdict: PASS") {
		t.Fatalf("report exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "report", "coverage_cam03.png")); err != nil {
		t.Error(err)
	}

	// Verify: the saved rig agrees with the images...
	code, stdout, stderr = runCLI(t, "verify", "--rig", filepath.Join(out, "rig.yaml"), "--images", rb.dir,
		"--square", "0.1", "--out", filepath.Join(t.TempDir(), "v1"))
	if code != 0 {
		t.Fatalf("verify on unchanged rig: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// ...and catches camera 2 turned by 1° since.
	moved, err := rig.Load(filepath.Join(out, "rig.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := moved.Camera(2)
	turn := solve.Rodrigues([3]float64{0, 1 * math.Pi / 180, 0})
	c2.Pose = solve.Compose(rig.Pose{R: turn}, c2.Pose)
	movedPath := filepath.Join(t.TempDir(), "moved.yaml")
	if err := moved.Save(movedPath); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "verify", "--rig", movedPath, "--images", rb.dir, "--square", "0.1", "--out", filepath.Join(t.TempDir(), "v2"))
	if code != 1 || !strings.Contains(stderr, "camera 2 has moved since calibration") {
		t.Fatalf("verify on moved rig: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "camera 1 has moved") || strings.Contains(stdout, "camera 3 has moved") {
		t.Fatalf("neighbours of the moved camera blamed too:\n%s", stdout)
	}
}

func dist3(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}
