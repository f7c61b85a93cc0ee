package synth

import "math"

// material says how a part is coloured.
type material int

const (
	matSkin     material = iota // vertex colour: skin
	matHead                     // skin with hair, eyes and mouth baked into vertex colours
	matShirt                    // shirt texture
	matTrousers                 // trousers texture
	matShoe                     // vertex colour: shoe upper and a lighter sole
	numMaterials
)

// partSpec is one body part: a round cone in the local axes of a skeleton
// frame.
type partSpec struct {
	name  string
	frame int
	shape roundCone
	mat   material
}

// bodyPlan lays out the parts for a set of measurements.
func bodyPlan(d *dims) []partSpec {
	w := d.width
	k := d.upperArm / 0.29 // overall size relative to the 1.75 m reference
	v := func(x, y, z float64) vec3 { return vec3{x * k, y * k, z * k} }
	one := vec3{1, 1, 1}
	ps := []partSpec{
		{"pelvis", frameRoot, newRoundCone(v(0, -0.06, 0), v(0, 0.10, 0), 0.150*k*w, 0.135*k*w, vec3{1, 0.7, 0.68}), matTrousers},
		{"torso", frameSpine, newRoundCone(v(0, 0, 0), v(0, 0.28, 0), 0.130*k*w, 0.155*k*w, vec3{1, 0.6, 0.72}), matShirt},
		{"shoulders", frameSpine, newRoundCone(vec3{-d.shoulderX, d.shoulderY - 0.01*k, 0}, vec3{d.shoulderX, d.shoulderY - 0.01*k, 0}, 0.058*k*w, 0.058*k*w, vec3{1, 0.9, 0.95}), matShirt},
		{"neck", frameNeck, newRoundCone(v(0, -0.05, 0), v(0, 0.08, 0), 0.056*k*w, 0.05*k*w, one), matSkin},
		{"head", frameHead, newRoundCone(v(0, 0.03, 0.012), v(0, 0.09, 0.012), 0.085*k, 0.085*k, vec3{0.85, 1, 1.06}), matHead},
	}
	side := [2]string{"left", "right"}
	for s := 0; s < 2; s++ {
		ps = append(ps,
			partSpec{side[s] + "-upper-arm", frameUpperArmL + s, newRoundCone(v(0, 0, 0), vec3{0, -d.upperArm, 0}, 0.05*k*w, 0.04*k*w, one), matShirt},
			partSpec{side[s] + "-forearm", frameForearmL + s, newRoundCone(v(0, 0, 0), vec3{0, -d.forearm, 0}, 0.04*k*w, 0.03*k*w, one), matSkin},
			partSpec{side[s] + "-hand", frameHandL + s, newRoundCone(v(0, -0.035, 0), v(0, -0.135, 0), 0.036*k, 0.03*k, vec3{0.55, 1, 1}), matSkin},
			partSpec{side[s] + "-thigh", frameThighL + s, newRoundCone(v(0, 0, 0), vec3{0, -d.thigh, 0}, 0.085*k*w, 0.056*k*w, one), matTrousers},
			partSpec{side[s] + "-shin", frameShinL + s, newRoundCone(v(0, 0, 0), vec3{0, -d.shin, 0}, 0.056*k*w, 0.038*k*w, one), matTrousers},
			partSpec{side[s] + "-foot", frameFootL + s, newRoundCone(v(0, -0.045, -0.035), v(0, -0.045, 0.145), 0.042*k, 0.04*k, vec3{1.05, 0.75, 1}), matShoe},
		)
	}
	return ps
}

// referenceDims returns the measurements of a person of scale k (1: about
// 1.75 m tall) and girth factor w.
func referenceDims(k, w, shoulder float64) dims {
	return dims{
		hipY:      0.93 * k,
		hipX:      0.09 * k * w,
		waistY:    0.10 * k,
		neckY:     0.40 * k,
		headY:     0.10 * k,
		shoulderX: 0.20 * k * shoulder,
		shoulderY: 0.37 * k,
		upperArm:  0.29 * k,
		forearm:   0.25 * k,
		thigh:     0.43 * k,
		shin:      0.42 * k,
		width:     w,
	}
}

// wrapAngle maps an angle into (-pi, pi].
func wrapAngle(a float64) float64 {
	a = math.Mod(a, 2*math.Pi)
	if a > math.Pi {
		a -= 2 * math.Pi
	} else if a <= -math.Pi {
		a += 2 * math.Pi
	}
	return a
}
