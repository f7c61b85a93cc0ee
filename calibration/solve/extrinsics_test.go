package solve

import (
	"errors"
	"math"
	"strings"
	"testing"

	"cloudme.dev/calibration/rig"
)

// checkRig compares a solved rig with the truth against the issue's
// accuracy bounds: focal lengths within 0.5 %, centres within 2 mm,
// rotations within 0.1°.
func checkRig(t *testing.T, truth, got []rig.Camera) {
	t.Helper()
	var worstC, worstR, worstF float64
	defer func() {
		t.Logf("worst: centre %.3f mm, rotation %.4f°, focal %.3f %%", worstC*1000, worstR, worstF*100)
	}()
	for i := range truth {
		tc, gc := truth[i], got[i]
		worstC = math.Max(worstC, norm3(sub3(tc.Center(), gc.Center())))
		worstR = math.Max(worstR, RotationAngle(tc.Pose.R, gc.Pose.R)*180/math.Pi)
		worstF = math.Max(worstF, math.Max(math.Abs(gc.K.Fx/tc.K.Fx-1), math.Abs(gc.K.Fy/tc.K.Fy-1)))
		if d := norm3(sub3(tc.Center(), gc.Center())); d > 0.002 {
			t.Errorf("camera %d: centre off by %.2f mm", tc.ID, d*1000)
		}
		if a := RotationAngle(tc.Pose.R, gc.Pose.R) * 180 / math.Pi; a > 0.1 {
			t.Errorf("camera %d: rotation off by %.3f°", tc.ID, a)
		}
		for _, f := range [][2]float64{{tc.K.Fx, gc.K.Fx}, {tc.K.Fy, gc.K.Fy}} {
			if e := math.Abs(f[1]-f[0]) / f[0]; e > 0.005 {
				t.Errorf("camera %d: focal %.2f vs true %.2f (%.2f %%)", tc.ID, f[1], f[0], 100*e)
			}
		}
	}
}

func TestCalibrateRigSynthetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		cameras  int
		views    int
		refine   bool
		closeUps int
	}{
		{"8-cameras-known-intrinsics", 8, 30, false, 0},
		{"8-cameras-refine-intrinsics", 8, 40, true, 8},
		{"16-cameras-refine-intrinsics", 16, 40, true, 8},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := Synthetic(SynthParams{Cameras: tc.cameras, Views: tc.views, Noise: 0.2, Seed: uint64(100 + i), CloseUps: tc.closeUps})
			if err != nil {
				t.Fatal(err)
			}
			cams := append([]rig.Camera(nil), s.Cameras...)
			for c := range cams {
				cams[c].Pose = rig.Pose{}
				if tc.refine {
					// Start from intrinsics a single-camera calibration
					// might give: focal 1.5 % off, centre 8 px off, no distortion.
					cams[c].K.Fx *= 1.015
					cams[c].K.Fy *= 0.99
					cams[c].K.Cx += 8
					cams[c].K.Cy -= 6
					cams[c].D = rig.Distortion{}
				}
			}
			res, err := CalibrateRig(RigInput{Board: s.Board, Cameras: cams, NumViews: len(s.Views),
				Obs: s.Obs, FloorView: 0, RefineIntrinsics: tc.refine}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			// 0.2 px per axis is 0.2·√2 px per corner.
			if want := 0.2 * math.Sqrt2; math.Abs(res.RMS-want) > 0.03 {
				t.Errorf("final RMS %.3f px, want about %.3f px", res.RMS, want)
			}
			checkRig(t, s.Cameras, res.Cameras)
		})
	}
}

func TestCalibrateRigErrors(t *testing.T) {
	t.Parallel()
	s, err := Synthetic(SynthParams{Cameras: 6, Views: 20, Noise: 0.2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	// Camera 3 keeps only views nobody else sees: no link to the world.
	var lonely []Observation
	for _, o := range s.Obs {
		if o.Camera == 3 {
			o.View = len(s.Views) + len(lonely)
		}
		lonely = append(lonely, o)
	}
	nLonely := len(s.Views) + len(lonely)
	var noFloor []Observation
	for _, o := range s.Obs {
		if o.View != 0 {
			noFloor = append(noFloor, o)
		}
	}
	tests := []struct {
		name   string
		obs    []Observation
		nViews int
		want   error
		text   string
	}{
		{"camera-without-shared-views", lonely, nLonely, ErrDisconnected, "camera 3: none of its"},
		{"no-floor-view", noFloor, len(s.Views), ErrNoFloor, "floor view 0"},
		{"bad-camera-index", []Observation{{Camera: 99, View: 0, Pixels: s.Obs[0].Pixels}}, len(s.Views), ErrInput, "camera index 99"},
	}
	for _, tc := range tests {
		_, err := CalibrateRig(RigInput{Board: s.Board, Cameras: s.Cameras, NumViews: tc.nViews, Obs: tc.obs}, Options{})
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: err = %v, want %v containing %q", tc.name, err, tc.want, tc.text)
		}
	}
}

func TestSyntheticCoverage(t *testing.T) {
	t.Parallel()
	s, err := Synthetic(SynthParams{Cameras: 16, Views: 60, Noise: 0.2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	seen := make([]int, len(s.Cameras))
	floor := 0
	for _, o := range s.Obs {
		seen[o.Camera]++
		if o.View == 0 {
			floor++
		}
	}
	if floor < len(s.Cameras)*3/4 {
		t.Errorf("floor board seen by %d of %d cameras", floor, len(s.Cameras))
	}
	for c, n := range seen {
		if n < 8 {
			t.Errorf("camera %d sees only %d views", c, n)
		}
	}
}
