package report

import (
	"strings"
	"testing"
)

func findingFor(v *Verdict, cam int, sev Severity, text string) bool {
	for _, f := range v.Findings {
		if f.Camera == cam && f.Severity == sev && strings.Contains(f.Message, text) {
			return true
		}
	}
	return false
}

func TestAnalyse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		session func() *Session
		cam     int
		sev     Severity
		text    string
		pass    bool
	}{
		{"centre-only", func() *Session {
			return testSession(KindIntrinsics, 2, 12, []float64{0.9, 0.1}, []float64{0.2, 0.2})
		}, 1, Warn, "corners only near the centre", true},
		{"high-rms", func() *Session {
			return testSession(KindIntrinsics, 2, 12, []float64{0.9, 0.9}, []float64{0.2, 1.5})
		}, 1, Fail, "reprojection RMS 1.50 px is over 1.00 px", false},
		{"few-views", func() *Session {
			return testSession(KindIntrinsics, 1, 4, []float64{0.9}, []float64{0.2})
		}, 0, Warn, "only 4 usable views", true},
		{"no-board-found", func() *Session {
			s := testSession(KindIntrinsics, 2, 12, []float64{0.9, 0.9}, []float64{0.2, 0.2})
			var keep []Observation
			for _, o := range s.Observations {
				if o.Camera == 0 {
					keep = append(keep, o)
				}
			}
			s.Observations = keep
			s.Failures = []Failure{{Camera: 1, File: "a.png"}, {Camera: 1, File: "b.png"}}
			return s
		}, 1, Fail, "not found in any of its 2 images", false},
		{"no-shared-views", func() *Session {
			s := testSession(KindExtrinsics, 3, 12, []float64{0.9, 0.9, 0.9}, []float64{0.2, 0.2, 0.2})
			for i := range s.Observations {
				if s.Observations[i].Camera == 2 {
					s.Observations[i].View += "-alone"
				}
			}
			return s
		}, 2, Fail, "shares no view", false},
		{"moved", func() *Session {
			s := testSession(KindVerify, 4, 5, []float64{0.9, 0.9, 0.9, 0.9}, []float64{0.3, 0.25, 4.2, 0.3})
			return s
		}, 2, Fail, "has moved since calibration", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := Analyse(tc.session(), DefaultThresholds())
			if !findingFor(v, tc.cam, tc.sev, tc.text) {
				t.Fatalf("no %v finding %q for camera %d in:\n%s", tc.sev, tc.text, tc.cam, v.Text())
			}
			if v.Pass != tc.pass {
				t.Fatalf("pass = %v, want %v:\n%s", v.Pass, tc.pass, v.Text())
			}
		})
	}
}

func TestAnalyseGoodSession(t *testing.T) {
	t.Parallel()
	v := Analyse(testSession(KindExtrinsics, 3, 60, []float64{0.95, 0.95, 0.95}, []float64{0.2, 0.25, 0.3}), DefaultThresholds())
	if v.Worst() != OK || !strings.Contains(v.Text(), "verdict: PASS") {
		t.Fatalf("clean session judged:\n%s", v.Text())
	}
	for _, c := range v.Cameras {
		if c.SharedViews != 60 || c.Shared[(c.ID+1)%3] != 60 {
			t.Fatalf("camera %d: shared %d %v", c.ID, c.SharedViews, c.Shared)
		}
	}
}

func TestMissingEdges(t *testing.T) {
	t.Parallel()
	var g [GridRows][GridCols]int
	g[0][3] = 1 // top
	g[2][0] = 1 // left
	got := strings.Join(missingEdges(&g), ",")
	if got != "bottom,right" {
		t.Fatalf("missing edges %q", got)
	}
}
