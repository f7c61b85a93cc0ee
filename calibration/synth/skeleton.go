package synth

// Frames of the skeleton. Each body part hangs in one frame; a pose gives
// every frame a world rotation and origin.
const (
	frameRoot  = iota // between the hip joints, yawed with the body
	frameSpine        // waist, bends forward and sideways
	frameNeck
	frameHead
	frameUpperArmL // shoulder joints; L is the person's left (+X)
	frameUpperArmR
	frameForearmL // elbows
	frameForearmR
	frameHandL // wrists
	frameHandR
	frameThighL // hip joints
	frameThighR
	frameShinL // knees
	frameShinR
	frameFootL // ankles
	frameFootR
	numFrames
)

// jointAngles is a pose of the skeleton, radians. Index 0 is the left side
// (+X), 1 the right. Positive angles: abduction moves a limb away from the
// body, flexion moves it forward (knee: the shin backward), frontal bends
// the forearm outward in the arm's frontal plane (used to wave).
type jointAngles struct {
	yaw                  float64
	spineBend, spineSide float64
	headYaw, headNod     float64
	shoulderAbd          [2]float64
	shoulderFlex         [2]float64
	elbowFlex            [2]float64
	elbowFrontal         [2]float64
	hipAbd               [2]float64
	hipFlex              [2]float64
	kneeFlex             [2]float64
}

// blendAngles interpolates two poses, w = 0 giving a; yaw takes the short
// way round.
func blendAngles(a, b jointAngles, w float64) jointAngles {
	l := func(x, y float64) float64 { return x + (y-x)*w }
	l2 := func(x, y [2]float64) [2]float64 { return [2]float64{l(x[0], y[0]), l(x[1], y[1])} }
	dy := wrapAngle(b.yaw - a.yaw)
	return jointAngles{
		yaw:          a.yaw + dy*w,
		spineBend:    l(a.spineBend, b.spineBend),
		spineSide:    l(a.spineSide, b.spineSide),
		headYaw:      l(a.headYaw, b.headYaw),
		headNod:      l(a.headNod, b.headNod),
		shoulderAbd:  l2(a.shoulderAbd, b.shoulderAbd),
		shoulderFlex: l2(a.shoulderFlex, b.shoulderFlex),
		elbowFlex:    l2(a.elbowFlex, b.elbowFlex),
		elbowFrontal: l2(a.elbowFrontal, b.elbowFrontal),
		hipAbd:       l2(a.hipAbd, b.hipAbd),
		hipFlex:      l2(a.hipFlex, b.hipFlex),
		kneeFlex:     l2(a.kneeFlex, b.kneeFlex),
	}
}

// frame is a rigid transform: world = R*local + T.
type frame struct {
	R mat3
	T vec3
}

// child returns the frame at offset (in f's axes) rotated further by r.
func (f frame) child(offset vec3, r mat3) frame {
	return frame{R: mulMM(f.R, r), T: add3(f.T, mulMV(&f.R, offset))}
}

// dims are the body's measurements, metres, for one person.
type dims struct {
	hipY                 float64 // hip joints above the floor in the neutral pose (before the floor shift)
	hipX                 float64 // hip joint offset from the midline
	waistY               float64 // spine frame above the root
	neckY, headY         float64 // neck frame above the spine frame, head frame above the neck frame
	shoulderX, shoulderY float64 // shoulder joints in the spine frame
	upperArm, forearm    float64
	thigh, shin          float64
	width                float64 // girth factor for the build
}

// skeletonFrames poses every frame for the angles.
func skeletonFrames(d *dims, a *jointAngles) [numFrames]frame {
	var f [numFrames]frame
	f[frameRoot] = frame{R: rotY(a.yaw), T: vec3{0, d.hipY, 0}}
	f[frameSpine] = f[frameRoot].child(vec3{0, d.waistY, 0}, mulMM(rotX(a.spineBend), rotZ(a.spineSide)))
	f[frameNeck] = f[frameSpine].child(vec3{0, d.neckY, 0}, ident3)
	f[frameHead] = f[frameNeck].child(vec3{0, d.headY, 0}, mulMM(rotY(a.headYaw), rotX(a.headNod)))
	for s := 0; s < 2; s++ {
		sign := 1.0 - 2*float64(s) // +1 left, -1 right
		shoulder := mulMM(rotZ(sign*a.shoulderAbd[s]), rotX(-a.shoulderFlex[s]))
		f[frameUpperArmL+s] = f[frameSpine].child(vec3{sign * d.shoulderX, d.shoulderY, 0}, shoulder)
		elbow := mulMM(rotZ(sign*a.elbowFrontal[s]), rotX(-a.elbowFlex[s]))
		f[frameForearmL+s] = f[frameUpperArmL+s].child(vec3{0, -d.upperArm, 0}, elbow)
		f[frameHandL+s] = f[frameForearmL+s].child(vec3{0, -d.forearm, 0}, ident3)
		hip := mulMM(rotZ(sign*a.hipAbd[s]), rotX(-a.hipFlex[s]))
		f[frameThighL+s] = f[frameRoot].child(vec3{sign * d.hipX, 0, 0}, hip)
		f[frameShinL+s] = f[frameThighL+s].child(vec3{0, -d.thigh, 0}, rotX(a.kneeFlex[s]))
		// The ankle keeps the foot level: it undoes the hip and knee pitch.
		f[frameFootL+s] = f[frameShinL+s].child(vec3{0, -d.shin, 0}, rotX(a.hipFlex[s]-a.kneeFlex[s]))
	}
	return f
}
