package calibcli

import (
	"bytes"
	"testing"

	"cloudme.dev/calibration/rig"
)

func TestWriteOpenCVParsesBack(t *testing.T) {
	t.Parallel()
	c := rig.Camera{ID: 3, Name: "north high", Width: 1920, Height: 1080,
		K:    rig.Intrinsics{Fx: 1001.25, Fy: 999.5, Cx: 960.1, Cy: 540.2},
		D:    rig.Distortion{K1: -0.1, K2: 0.01, P1: 1e-4, P2: -2e-4, K3: 0},
		Pose: rig.Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, T: [3]float64{0.1, 2, -3}}}
	var b bytes.Buffer
	if err := writeOpenCV(&b, &c); err != nil {
		t.Fatal(err)
	}
	k, d, w, h, err := rig.ParseOpenCVIntrinsics(b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if k != c.K || d != c.D || w != 1920 || h != 1080 {
		t.Fatalf("got %+v %+v %dx%d", k, d, w, h)
	}
}
