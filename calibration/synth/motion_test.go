package synth

import (
	"errors"
	"testing"
)

func TestMotionNames(t *testing.T) {
	t.Parallel()
	for m := Standing; m <= Tour; m++ {
		got, err := ParseMotion(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMotion(%q) = %v, %v", m.String(), got, err)
		}
	}
	for _, tc := range []struct {
		in   string
		want Motion
	}{{"Walking_In_Place", WalkingInPlace}, {" ARMS_PRESSED", ArmsPressed}, {"Tour", Tour}} {
		if got, err := ParseMotion(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseMotion(%q) = %v, %v", tc.in, got, err)
		}
	}
	if _, err := ParseMotion("dance"); !errors.Is(err, ErrParams) {
		t.Errorf("ParseMotion(dance): %v", err)
	}
	if s := Motion(42).String(); s != "Motion(42)" {
		t.Errorf("String of unknown motion: %q", s)
	}
}
