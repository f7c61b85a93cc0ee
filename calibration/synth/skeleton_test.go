package synth

import (
	"math"
	"testing"
)

func TestBlendAnglesShortWay(t *testing.T) {
	t.Parallel()
	a := jointAngles{yaw: deg(170)}
	b := jointAngles{yaw: deg(-170)}
	mid := blendAngles(a, b, 0.5)
	if math.Abs(wrapAngle(mid.yaw-math.Pi)) > 1e-9 {
		t.Errorf("blend of 170 and -170 degrees = %g degrees, want 180", mid.yaw*180/math.Pi)
	}
}

func TestSkeletonNeutralIsUpright(t *testing.T) {
	t.Parallel()
	d := referenceDims(1, 1, 1)
	f := skeletonFrames(&d, &jointAngles{})
	if f[frameHead].T[1] <= f[frameSpine].T[1] || f[frameFootL].T[1] >= f[frameShinL].T[1] {
		t.Error("neutral skeleton is not upright")
	}
	if f[frameUpperArmL].T[0] <= 0 || f[frameUpperArmR].T[0] >= 0 {
		t.Error("left arm is not on +X")
	}
}

func TestRotations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		r    mat3
		in   vec3
		want vec3
	}{
		{rotX(math.Pi / 2), vec3{0, 1, 0}, vec3{0, 0, 1}},
		{rotY(math.Pi / 2), vec3{0, 0, 1}, vec3{1, 0, 0}},
		{rotZ(math.Pi / 2), vec3{1, 0, 0}, vec3{0, 1, 0}},
		{mulMM(rotZ(0.3), rotZ(-0.3)), vec3{1, 2, 3}, vec3{1, 2, 3}},
	} {
		got := mulMV(&tc.r, tc.in)
		if norm3(sub3(got, tc.want)) > 1e-12 {
			t.Errorf("got %v, want %v", got, tc.want)
		}
		back := mulMtV(&tc.r, got)
		if norm3(sub3(back, tc.in)) > 1e-12 {
			t.Errorf("transpose does not invert: %v", back)
		}
	}
}
