package engine

import (
	"errors"
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
)

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	good := testRing(t, rig.Distortion{})
	nanRig := testRing(t, rig.Distortion{})
	nanRig.Cameras[3].Pose.T[1] = math.NaN()
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no rig", Config{}},
		{"NaN in rig", Config{Rig: nanRig}},
		{"cell too small", Config{Rig: good, CellSize: 0.001}},
		{"cell too large", Config{Rig: good, CellSize: 0.02}},
		{"cell NaN", Config{Rig: good, CellSize: math.NaN()}},
		{"fine cell below floor", Config{Rig: good, CellSize: 0.0001, AllowFineCells: true}},
		{"inverted volume", Config{Rig: good, Lo: [3]float64{0, 0, 0}, Hi: [3]float64{1, -1, 1}}},
		{"infinite volume", Config{Rig: good, Lo: [3]float64{0, 0, 0}, Hi: [3]float64{1, math.Inf(1), 1}}},
		{"volume too many cells", Config{Rig: good, Lo: [3]float64{-50, 0, 0}, Hi: [3]float64{50, 1, 1}, CellSize: 0.002}},
		{"smoothing 1", Config{Rig: good, Smoothing: 1}},
		{"smoothing negative", Config{Rig: good, Smoothing: -0.1}},
		{"workers negative", Config{Rig: good, Workers: -1}},
		{"visibility scale", Config{Rig: good, VisibilityScale: 2}},
	}
	for _, tc := range tests {
		if _, err := NewCPU(tc.cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: got %v, want ErrConfig", tc.name, err)
		}
	}
	many := &rig.Rig{BoothID: "x"}
	for i := 0; i < MaxCameras+1; i++ {
		c := good.Cameras[0]
		c.ID = i
		many.Cameras = append(many.Cameras, c)
	}
	if _, err := NewCPU(Config{Rig: many}); !errors.Is(err, ErrConfig) {
		t.Errorf("too many cameras: got %v", err)
	}
	if _, err := NewCPU(Config{Rig: good, CellSize: 0.001, AllowFineCells: true, Lo: testLo, Hi: testHi}); err != nil {
		t.Errorf("fine cells allowed: %v", err)
	}
}
