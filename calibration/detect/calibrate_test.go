package detect

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"cloudme.dev/calibration/solve"
)

func realDetections(t testing.TB) []*Detection {
	t.Helper()
	files, err := filepath.Glob("testdata/opencv-chessboard-left/left*.jpg")
	if err != nil || len(files) != 13 {
		t.Fatalf("want 13 test images, got %d (%v)", len(files), err)
	}
	d := Detector{Cols: 9, Rows: 6}
	var dets []*Detection
	for _, f := range files {
		det, err := d.DetectFile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		dets = append(dets, det)
	}
	return dets
}

// TestCalibrateIntrinsicsReal checks the 13 OpenCV sample images against
// the figures OpenCV's own test records (RMS 0.196 px, square size 1).
func TestCalibrateIntrinsicsReal(t *testing.T) {
	t.Parallel()
	res, err := CalibrateIntrinsics(realDetections(t), IntrinsicsOptions{Board: solve.Board{Cols: 9, Rows: 6, Square: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.RMS-0.196334638034) > 0.02 {
		t.Errorf("RMS %.4f px, OpenCV records 0.1963", res.RMS)
	}
	want := []struct {
		name      string
		got, want float64
	}{
		{"fx", res.Camera.K.Fx, 532.80992189},
		{"fy", res.Camera.K.Fy, 532.93346422},
		{"cx", res.Camera.K.Cx, 342.4952186},
		{"cy", res.Camera.K.Cy, 233.8879292},
	}
	for _, w := range want {
		if math.Abs(w.got-w.want)/w.want > 0.01 {
			t.Errorf("%s = %.3f, want %.3f within 1 %%", w.name, w.got, w.want)
		}
	}
	if math.Abs(res.Camera.D.K1-(-0.281325576)) > 0.02 {
		t.Errorf("k1 = %.4f, want about -0.2813", res.Camera.D.K1)
	}
	// Our own per-view RMS, combined, must agree with OpenCV's figure.
	sum, n := 0.0, 0
	for _, v := range res.Views {
		if v.Rejected != "" {
			t.Errorf("%s rejected: %s", v.File, v.Rejected)
			continue
		}
		sum += v.RMS * v.RMS
		n++
	}
	if own := math.Sqrt(sum / float64(n)); math.Abs(own-res.RMS) > 0.005 {
		t.Errorf("per-view RMS combine to %.4f, OpenCV says %.4f", own, res.RMS)
	}
	t.Logf("RMS %.6f K %+v D %+v", res.RMS, res.Camera.K, res.Camera.D)
}

func TestCalibrateIntrinsicsRejectsOutlier(t *testing.T) {
	t.Parallel()
	dets := realDetections(t)
	// Shift one view's corners by a smooth warp no board pose explains.
	bad := *dets[4]
	bad.Corners = append([][2]float64(nil), bad.Corners...)
	for i := range bad.Corners {
		bad.Corners[i][0] += 4 * math.Sin(float64(i))
	}
	dets[4] = &bad
	res, err := CalibrateIntrinsics(dets, IntrinsicsOptions{Board: solve.Board{Cols: 9, Rows: 6, Square: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range res.Views {
		if (v.Rejected != "") != (i == 4) {
			t.Errorf("view %d (%s): rejected %q", i, v.File, v.Rejected)
		}
	}
	if !strings.Contains(res.Views[4].Rejected, "reprojection RMS") {
		t.Errorf("reason %q", res.Views[4].Rejected)
	}
	if math.Abs(res.RMS-0.196) > 0.02 {
		t.Errorf("RMS after rejection %.4f", res.RMS)
	}
}

func TestCalibrateIntrinsicsErrors(t *testing.T) {
	t.Parallel()
	dets := realDetections(t)
	b := solve.Board{Cols: 9, Rows: 6, Square: 1}
	resized := *dets[1]
	resized.Width = 800
	tests := []struct {
		name string
		dets []*Detection
		want error
		text string
	}{
		{"too-few", dets[:2], ErrTooFewViews, "2 views"},
		{"sizes-differ", []*Detection{dets[0], &resized, dets[2], dets[3]}, ErrSizeMismatch, "left02.jpg is 800x480"},
	}
	for _, tc := range tests {
		_, err := CalibrateIntrinsics(tc.dets, IntrinsicsOptions{Board: b})
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

func TestPickOutlier(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rms  []float64
		want int
	}{
		{[]float64{0.2, 0.21, 0.19, 0.2}, -1},
		{[]float64{0.2, 0.21, 2.5, 0.2}, 2},
		{[]float64{0.1, 0.1, 0.45, 0.1}, -1}, // 4.5× the median but under the 0.5 px floor
		{nil, -1},
	}
	for _, tc := range tests {
		if got, _ := pickOutlier(tc.rms, 3, 0.5); got != tc.want {
			t.Errorf("%v: got %d want %d", tc.rms, got, tc.want)
		}
	}
}
