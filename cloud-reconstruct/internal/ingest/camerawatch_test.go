package ingest

import (
	"slices"
	"testing"

	"cloudme.dev/calibration/rig"
)

// A camera is reported degraded after k sets in a row without it and back
// after k sets in a row with it; a camera that misses single sets now and
// then is never reported.
func TestCameraWatchHysteresis(t *testing.T) {
	r := &rig.Rig{Cameras: []rig.Camera{{ID: 1}, {ID: 2}, {ID: 3}}}
	w := newCameraWatch(r, 3)
	type step struct {
		missing    []int
		lost, back []int
	}
	steps := []step{
		{missing: []int{2}},                 // one late frame: nothing
		{},                                  //
		{missing: []int{2}},                 // and again, with a set between
		{missing: []int{3}},                 // 3 goes
		{missing: []int{3}},                 //
		{missing: []int{3}, lost: []int{3}}, // third in a row: degraded
		{missing: []int{3}},                 // still gone: no repeat
		{},                                  // back once
		{missing: []int{3}},                 // gone again: still degraded, no event
		{},                                  //
		{},                                  //
		{back: []int{3}},                    // third present in a row: recovered
		{missing: []int{1, 2}},              //
		{missing: []int{1, 2}},              //
		{missing: []int{1, 2}, lost: []int{1, 2}},
	}
	for i, s := range steps {
		lost, back := w.update(s.missing)
		if !slices.Equal(lost, s.lost) || !slices.Equal(back, s.back) {
			t.Fatalf("set %d (missing %v): lost %v back %v, want %v %v", i, s.missing, lost, back, s.lost, s.back)
		}
	}
}
