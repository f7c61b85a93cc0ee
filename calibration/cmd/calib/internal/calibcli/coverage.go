package calibcli

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"cloudme.dev/calibration/report"
)

// coverageTracker follows, during capture, what the views taken so far
// cover: views per camera, which image regions hold corners, which camera
// pairs share views. It judges with the report package's own analysis, so
// capture stops on the same criteria the report later applies.
type coverageTracker struct {
	th      report.Thresholds
	session report.Session
	last    map[int][][2]float64 // each camera's corners in its last kept view
}

func newCoverageTracker(cams []report.Camera, b report.Board, th report.Thresholds) *coverageTracker {
	return &coverageTracker{th: th, last: map[int][][2]float64{},
		session: report.Session{Version: report.SessionVersion, Kind: report.KindExtrinsics, Board: b, Cameras: cams}}
}

// novel reports whether a camera's corners moved at least minPx on average
// since its last kept view (a board held still is not a new view).
func (c *coverageTracker) novel(cam int, corners [][2]float64, minPx float64) bool {
	prev, ok := c.last[cam]
	if !ok || len(prev) != len(corners) {
		return true
	}
	d := 0.0
	for i := range corners {
		d += math.Hypot(corners[i][0]-prev[i][0], corners[i][1]-prev[i][1])
	}
	return d/float64(len(corners)) >= minPx
}

// add records one kept view: the corners each camera found.
func (c *coverageTracker) add(view string, byCam map[int][][2]float64) {
	for id, corners := range byCam {
		c.session.Observations = append(c.session.Observations, report.Observation{Camera: id, View: view, Corners: corners})
		c.last[id] = corners
	}
}

// status returns the per-camera statistics and what is still missing (empty
// when coverage suffices).
func (c *coverageTracker) status() ([]report.CameraStats, []string) {
	v := report.Analyse(&c.session, c.th)
	var missing []string
	for _, cs := range v.Cameras {
		var need []string
		if cs.Views < c.th.MinViews {
			need = append(need, fmt.Sprintf("%d more views", c.th.MinViews-cs.Views))
		}
		if cs.Coverage < c.th.MinCoverage {
			need = append(need, fmt.Sprintf("coverage %.0f%% < %.0f%%", 100*cs.Coverage, 100*c.th.MinCoverage))
		}
		if cs.EdgeCoverage < c.th.MinEdges {
			need = append(need, fmt.Sprintf("image border %.0f%% < %.0f%%", 100*cs.EdgeCoverage, 100*c.th.MinEdges))
		}
		if cs.SharedViews < c.th.MinShared {
			need = append(need, fmt.Sprintf("%d more views shared with a neighbour", c.th.MinShared-cs.SharedViews))
		}
		if len(need) > 0 {
			missing = append(missing, cs.Label()+": "+strings.Join(need, ", "))
		}
	}
	return v.Cameras, missing
}

// line renders the status for the terminal: views and coverage per camera
// and the camera pairs that share views.
func statusLine(stats []report.CameraStats) string {
	var b strings.Builder
	pairs := map[[2]int]int{}
	for _, cs := range stats {
		fmt.Fprintf(&b, " cam%d:%dv %.0f%%/%.0f%%", cs.ID, cs.Views, 100*cs.Coverage, 100*cs.EdgeCoverage)
		for o, n := range cs.Shared {
			if cs.ID < o {
				pairs[[2]int{cs.ID, o}] = n
			}
		}
	}
	keys := make([][2]int, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	b.WriteString(" | pairs")
	for _, k := range keys {
		fmt.Fprintf(&b, " %d-%d:%d", k[0], k[1], pairs[k])
	}
	return strings.TrimSpace(b.String())
}
