package solve

import "cloudme.dev/calibration/rig"

// Compose returns the transform a∘b: first b, then a (Xa = Ra (Rb X + Tb) + Ta).
func Compose(a, b rig.Pose) rig.Pose {
	return rig.Pose{R: mul3(a.R, b.R), T: add3(apply3(a.R, b.T), a.T)}
}

// poseFromVec builds a pose from [rx ry rz tx ty tz].
func poseFromVec(x []float64) rig.Pose {
	return rig.Pose{R: Rodrigues(Vec3{x[0], x[1], x[2]}), T: Vec3{x[3], x[4], x[5]}}
}

// poseToVec writes a pose as [rx ry rz tx ty tz] into x.
func poseToVec(p rig.Pose, x []float64) {
	w := RotVec(p.R)
	copy(x[:3], w[:])
	copy(x[3:6], p.T[:])
}

// posePlus applies a local update dx to the pose vector x: the rotation is
// left-multiplied by Rodrigues(dx[:3]) and the translation shifted by
// dx[3:6]. This stays well-conditioned at any rotation angle.
func posePlus(x, dx, out []float64) {
	r := mul3(Rodrigues(Vec3{dx[0], dx[1], dx[2]}), Rodrigues(Vec3{x[0], x[1], x[2]}))
	w := RotVec(r)
	copy(out[:3], w[:])
	for i := 3; i < 6; i++ {
		out[i] = x[i] + dx[i]
	}
}

// averagePoses returns the weighted chordal mean of poses: the rotation
// nearest to the weighted sum of rotation matrices, and the weighted mean
// translation. Weights must be positive; ps must not be empty.
func averagePoses(ps []rig.Pose, w []float64) rig.Pose {
	var m Mat3
	var t Vec3
	sw := 0.0
	for i, p := range ps {
		for k := range m {
			m[k] += w[i] * p.R[k]
		}
		t = add3(t, scale3(p.T, w[i]))
		sw += w[i]
	}
	return rig.Pose{R: NearestRotation(m), T: scale3(t, 1/sw)}
}
