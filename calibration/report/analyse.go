package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Grid size of the coverage analysis: the image is cut into GridCols ×
// GridRows cells; the outer ring of cells is the "edge".
const (
	GridCols = 8
	GridRows = 6
)

// Thresholds are the limits the verdict applies. DefaultThresholds holds
// the values the booth uses.
type Thresholds struct {
	GoodRMS     float64 `json:"good_rms_px"`  // warn above
	BadRMS      float64 `json:"bad_rms_px"`   // fail above
	MinViews    int     `json:"min_views"`    // warn below
	MinCoverage float64 `json:"min_coverage"` // fraction of grid cells with a corner; warn below
	MinEdges    float64 `json:"min_edges"`    // fraction of outer-ring cells with a corner; warn below
	MinShared   int     `json:"min_shared"`   // extrinsics: views shared with other cameras; warn below
	MovedRMS    float64 `json:"moved_rms_px"` // verify: a camera above this has moved
	MovedFactor float64 `json:"moved_factor"` // verify: ... and above this × the median camera
}

// DefaultThresholds returns the booth's thresholds.
func DefaultThresholds() Thresholds {
	return Thresholds{GoodRMS: 0.5, BadRMS: 1.0, MinViews: 10, MinCoverage: 0.5, MinEdges: 0.4, MinShared: 4, MovedRMS: 1.0, MovedFactor: 3}
}

// CameraStats is what the session says about one camera.
type CameraStats struct {
	ID           int                     `json:"id"`
	Name         string                  `json:"name,omitempty"`
	RMS          float64                 `json:"rms_px"` // -1: no observation
	Views        int                     `json:"views"`
	Rejected     int                     `json:"rejected"`
	Failed       int                     `json:"failed_images"`
	Coverage     float64                 `json:"coverage"`
	EdgeCoverage float64                 `json:"edge_coverage"`
	Grid         [GridRows][GridCols]int `json:"grid"`
	Shared       map[int]int             `json:"shared_with,omitempty"` // other camera ID -> views seen together
	SharedViews  int                     `json:"shared_views"`          // views also seen by another camera
	WorstView    string                  `json:"worst_view,omitempty"`
	WorstRMS     float64                 `json:"worst_rms_px"`
	width        int
	height       int
}

// Label names the camera: "camera 3 (north)".
func (c *CameraStats) Label() string {
	if c.Name == "" || c.Name == fmt.Sprintf("cam%02d", c.ID) {
		return fmt.Sprintf("camera %d", c.ID)
	}
	return fmt.Sprintf("camera %d (%s)", c.ID, c.Name)
}

// Analyse computes per-camera statistics and the verdict of a session.
func Analyse(s *Session, th Thresholds) *Verdict {
	v := &Verdict{Kind: s.Kind, RMS: s.RMS, Thresholds: th, Pass: true}
	idx := map[int]int{}
	for i, c := range s.Cameras {
		idx[c.ID] = i
		v.Cameras = append(v.Cameras, CameraStats{ID: c.ID, Name: c.Name, RMS: c.RMS, Shared: map[int]int{}, width: c.Width, height: c.Height})
	}
	byView := map[string][]int{}
	for _, o := range s.Observations {
		cs := &v.Cameras[idx[o.Camera]]
		if o.Rejected != "" {
			cs.Rejected++
			continue
		}
		cs.Views++
		byView[o.View] = append(byView[o.View], o.Camera)
		if o.RMS > cs.WorstRMS {
			cs.WorstRMS, cs.WorstView = o.RMS, o.View
		}
		for _, p := range o.Corners {
			gx := clampInt(int(p[0]*GridCols/float64(cs.width)), 0, GridCols-1)
			gy := clampInt(int(p[1]*GridRows/float64(cs.height)), 0, GridRows-1)
			cs.Grid[gy][gx]++
		}
	}
	for _, f := range s.Failures {
		if i, ok := idx[f.Camera]; ok {
			v.Cameras[i].Failed++
		}
	}
	if s.Kind != KindIntrinsics {
		for _, cams := range byView {
			if len(cams) > 1 {
				for _, a := range cams {
					v.Cameras[idx[a]].SharedViews++
				}
			}
			for _, a := range cams {
				for _, b := range cams {
					if a != b {
						v.Cameras[idx[a]].Shared[b]++
					}
				}
			}
		}
	}
	for i := range v.Cameras {
		cs := &v.Cameras[i]
		cs.Coverage, cs.EdgeCoverage = coverage(&cs.Grid)
		v.Findings = append(v.Findings, judgeCamera(s, cs, th)...)
	}
	if s.Kind == KindVerify {
		v.Findings = append(v.Findings, judgeMoved(v.Cameras, th)...)
	}
	sort.SliceStable(v.Findings, func(a, b int) bool { return v.Findings[a].Severity > v.Findings[b].Severity })
	v.Pass = v.Worst() < Fail
	return v
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

// coverage returns the fraction of all cells and of outer-ring cells that
// hold at least one corner.
func coverage(g *[GridRows][GridCols]int) (all, edge float64) {
	var n, ne, tot, tote int
	for y := 0; y < GridRows; y++ {
		for x := 0; x < GridCols; x++ {
			onEdge := x == 0 || y == 0 || x == GridCols-1 || y == GridRows-1
			tot++
			if onEdge {
				tote++
			}
			if g[y][x] > 0 {
				n++
				if onEdge {
					ne++
				}
			}
		}
	}
	return float64(n) / float64(tot), float64(ne) / float64(tote)
}

// missingEdges names the image borders with no corner at all.
func missingEdges(g *[GridRows][GridCols]int) []string {
	sumRow := func(y int) (s int) {
		for x := 0; x < GridCols; x++ {
			s += g[y][x]
		}
		return
	}
	sumCol := func(x int) (s int) {
		for y := 0; y < GridRows; y++ {
			s += g[y][x]
		}
		return
	}
	var out []string
	if sumRow(0) == 0 {
		out = append(out, "top")
	}
	if sumRow(GridRows-1) == 0 {
		out = append(out, "bottom")
	}
	if sumCol(0) == 0 {
		out = append(out, "left")
	}
	if sumCol(GridCols-1) == 0 {
		out = append(out, "right")
	}
	return out
}

func judgeCamera(s *Session, cs *CameraStats, th Thresholds) []Finding {
	var out []Finding
	add := func(sev Severity, format string, a ...any) {
		out = append(out, Finding{Camera: cs.ID, Severity: sev, Message: cs.Label() + ": " + fmt.Sprintf(format, a...)})
	}
	if cs.Views == 0 {
		if cs.Failed > 0 {
			add(Fail, "the board was not found in any of its %d images; check the --cols/--rows inner-corner count, focus and lighting", cs.Failed)
		} else {
			add(Fail, "no usable view; take board views with this camera")
		}
		return out
	}
	switch {
	case s.Kind == KindVerify:
		// Judged against the other cameras by judgeMoved.
	case cs.RMS > th.BadRMS:
		add(Fail, "reprojection RMS %.2f px is over %.2f px; check focus, that the board is flat and rigid, and retake blurred views (worst: %s at %.2f px)", cs.RMS, th.BadRMS, cs.WorstView, cs.WorstRMS)
	case cs.RMS > th.GoodRMS:
		add(Warn, "reprojection RMS %.2f px is over %.2f px; retake the worst views (worst: %s at %.2f px)", cs.RMS, th.GoodRMS, cs.WorstView, cs.WorstRMS)
	}
	if s.Kind == KindIntrinsics && cs.Views < th.MinViews {
		add(Warn, "only %d usable views; take at least %d, tilting the board up to 45° in different directions", cs.Views, th.MinViews)
	}
	if s.Kind != KindVerify {
		if cs.EdgeCoverage < th.MinEdges {
			where := "edges and corners"
			if m := missingEdges(&cs.Grid); len(m) > 0 && len(m) < 4 {
				where = strings.Join(m, " and ") + " edge"
				if len(m) > 1 {
					where += "s"
				}
			}
			if cs.Coverage < th.MinCoverage {
				add(Warn, "corners only near the centre (%.0f%% of the image, %.0f%% of its border); add views near the %s of the image", 100*cs.Coverage, 100*cs.EdgeCoverage, where)
			} else {
				add(Warn, "corners reach only %.0f%% of the image border; add views near the %s", 100*cs.EdgeCoverage, where)
			}
		} else if cs.Coverage < th.MinCoverage {
			add(Warn, "corners cover only %.0f%% of the image; spread the views over the whole image", 100*cs.Coverage)
		}
	}
	if cs.Rejected > 0 && s.Kind == KindVerify {
		add(OK, "%d view(s) not checked: no other trusted camera saw them", cs.Rejected)
	} else if cs.Rejected > 0 {
		add(Warn, "%d view(s) rejected as outliers; see the session file for each reason", cs.Rejected)
	}
	if cs.Failed > 0 {
		add(OK, "board not found in %d image(s); those images were skipped", cs.Failed)
	}
	if s.Kind == KindExtrinsics {
		var partners []string
		for id := range cs.Shared {
			partners = append(partners, fmt.Sprintf("%d", id))
		}
		sort.Strings(partners)
		if cs.SharedViews == 0 {
			add(Fail, "shares no view with another camera; take views where it and a neighbour both see the board")
		} else if cs.SharedViews < th.MinShared {
			add(Warn, "only %d view(s) shared with other cameras (with camera %s); take more views seen by it and a neighbour together", cs.SharedViews, strings.Join(partners, ", "))
		}
	}
	return out
}

// judgeMoved flags, in a verify session, cameras whose error against the
// saved rig stands out: over MovedRMS and over MovedFactor × the median.
func judgeMoved(cams []CameraStats, th Thresholds) []Finding {
	var rms []float64
	for _, c := range cams {
		if c.RMS >= 0 {
			rms = append(rms, c.RMS)
		}
	}
	sort.Float64s(rms)
	if len(rms) == 0 {
		return nil
	}
	med := rms[len(rms)/2]
	limit := math.Max(th.MovedRMS, th.MovedFactor*med)
	var out []Finding
	for _, c := range cams {
		if c.RMS > limit {
			out = append(out, Finding{Camera: c.ID, Severity: Fail, Message: fmt.Sprintf("%s has moved since calibration: %.2f px against the saved rig (limit %.2f px, median camera %.2f px); re-run calib extrinsics", c.Label(), c.RMS, limit, med)})
		}
	}
	return out
}
