package solve

import (
	"errors"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
)

func TestBoardPose(t *testing.T) {
	t.Parallel()
	s, err := Synthetic(SynthParams{Cameras: 8, Views: 10, Noise: 0.2, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	for v := range s.Views {
		var cams []*rig.Camera
		var px [][][2]float64
		for _, o := range s.Obs {
			if o.View == v {
				cams = append(cams, &s.Cameras[o.Camera])
				px = append(px, o.Pixels)
			}
		}
		if len(cams) == 0 {
			continue
		}
		got, rms, err := BoardPose(s.Board, cams, px)
		if err != nil {
			t.Fatalf("view %d: %v", v, err)
		}
		if a := RotationAngle(got.R, s.Views[v].R) * 180 / math.Pi; a > 0.3 {
			t.Errorf("view %d (%d cameras): rotation off by %.3f°", v, len(cams), a)
		}
		if d := norm3(sub3(got.T, s.Views[v].T)); d > 0.003 {
			t.Errorf("view %d (%d cameras): translation off by %.2f mm", v, len(cams), d*1000)
		}
		if rms > 0.4 {
			t.Errorf("view %d: rms %.3f", v, rms)
		}
	}
	if _, _, err := BoardPose(s.Board, nil, nil); !errors.Is(err, ErrInput) {
		t.Errorf("no cameras: %v", err)
	}
}
