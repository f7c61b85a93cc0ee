package synth

import (
	"fmt"
	"strings"
)

// Motion is what the synthetic person does over time.
type Motion int

// The motions. Tour cycles through the others, TourSegment seconds each.
const (
	Standing       Motion = iota // idle: breathing sway, small head turns
	Waving                       // right arm rises above the head and waves, period 4 s, peak at t = 2 s
	Turning                      // turns on the spot, one full turn every 8 s
	WalkingInPlace               // knees lift in turn, arms swing, period 1.2 s
	ArmsPressed                  // arms pressed to the sides: hard for a visual hull
	Tour                         // all of the above in turn
)

var motionNames = [...]string{"standing", "waving", "turning", "walking", "arms-pressed", "tour"}

// String returns the motion's flag name.
func (m Motion) String() string {
	if m < 0 || int(m) >= len(motionNames) {
		return fmt.Sprintf("Motion(%d)", int(m))
	}
	return motionNames[m]
}

// ParseMotion maps a name (as String gives it, any case; "walking-in-place"
// and "arms_pressed" are accepted too) to a Motion.
func ParseMotion(s string) (Motion, error) {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
	switch k {
	case "walking-in-place":
		return WalkingInPlace, nil
	case "armspressed", "pressed":
		return ArmsPressed, nil
	}
	for i, n := range motionNames {
		if k == n {
			return Motion(i), nil
		}
	}
	return 0, fmt.Errorf("motion %q (want one of %s): %w", s, strings.Join(motionNames[:], ", "), ErrParams)
}
