package synth

import (
	"fmt"
	"math"
)

// Timing of the motions, seconds.
const (
	WavePeriod   = 4.0 // the right hand is highest at WavePeriod/2
	TurnPeriod   = 8.0
	StepPeriod   = 1.2
	TourSegment  = 5.0 // seconds per motion in Tour
	tourBlend    = 0.5 // seconds to blend from one motion into the next
	armClearance = 10  // degrees between pressed and free-hanging arms
)

// tourOrder is the order Tour visits the motions in.
var tourOrder = [...]Motion{Standing, Waving, Turning, WalkingInPlace, ArmsPressed}

// angles returns the joint angles of motion m at time t.
func (p *Person) angles(m Motion, t float64) jointAngles {
	sin := func(period float64) float64 { return math.Sin(2 * math.Pi * t / period) }
	a := jointAngles{shoulderAbd: [2]float64{p.restAbd, p.restAbd}}
	idle := func() {
		a.spineBend = deg(1.5) * sin(4)
		a.headYaw = deg(12) * sin(7)
		a.shoulderAbd[0] += deg(2) * sin(4)
		a.shoulderAbd[1] += deg(2) * sin(4)
		a.elbowFlex = [2]float64{deg(8), deg(8)}
	}
	switch m {
	case Standing:
		idle()
	case Waving:
		idle()
		w := 0.5 - 0.5*math.Cos(2*math.Pi*t/WavePeriod)
		a.shoulderAbd[1] = p.restAbd + (deg(150)-p.restAbd)*w
		a.elbowFlex[1] *= 1 - w
		a.elbowFrontal[1] = (deg(30) + deg(20)*sin(1/1.5)) * w
	case Turning:
		idle()
		a.yaw = 2 * math.Pi * t / TurnPeriod
	case WalkingInPlace:
		s := sin(StepPeriod)
		lift := [2]float64{math.Max(0, s), math.Max(0, -s)}
		for i := 0; i < 2; i++ {
			a.hipFlex[i] = deg(50) * lift[i]
			a.kneeFlex[i] = deg(85) * lift[i]
			a.elbowFlex[i] = deg(15)
		}
		a.shoulderFlex = [2]float64{-deg(18) * s, deg(18) * s}
		a.spineBend = deg(2)
	case ArmsPressed:
		a.shoulderAbd = [2]float64{p.pressedAbd, p.pressedAbd}
		a.headYaw = deg(10) * sin(6)
		a.spineBend = deg(1) * sin(4)
	case Tour:
		n := float64(len(tourOrder))
		cycle := math.Floor(t / TourSegment)
		k := int(math.Mod(cycle, n))
		if k < 0 {
			k += len(tourOrder)
		}
		local := t - cycle*TourSegment
		a = p.angles(tourOrder[k], local)
		if local < tourBlend {
			prev := p.angles(tourOrder[(k+len(tourOrder)-1)%len(tourOrder)], TourSegment)
			w := local / tourBlend
			a = blendAngles(prev, a, w*w*(3-2*w))
		}
	}
	return a
}

// findArmAngles finds the shoulder abduction at which the arms first touch
// the torso, by bisection on the tessellated arm against the exact torso
// and pelvis. Pressed arms go a degree further in; free arms hang
// armClearance degrees out.
func (p *Person) findArmAngles() error {
	lo, hi := deg(-20), deg(25)
	if !p.armTouches(lo) || p.armTouches(hi) {
		return fmt.Errorf("person seed %d: no arm angle touches the torso: %w", p.params.Seed, ErrParams)
	}
	for i := 0; i < 30; i++ {
		mid := (lo + hi) / 2
		if p.armTouches(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	p.pressedAbd = lo - deg(1)
	p.restAbd = hi + deg(armClearance)
	return nil
}

// armTouches reports whether, with both shoulders at abduction abd, any
// vertex of the left upper arm or forearm more than a few centimetres
// below the shoulder lies inside the torso or pelvis.
func (p *Person) armTouches(abd float64) bool {
	a := jointAngles{shoulderAbd: [2]float64{abd, abd}}
	f := skeletonFrames(&p.dims, &a)
	below := f[frameUpperArmL].T[1] - 0.08*p.height/1.75
	var torso []int
	for i := range p.parts {
		if p.parts[i].name == "torso" || p.parts[i].name == "pelvis" {
			torso = append(torso, i)
		}
	}
	for i := range p.parts {
		if p.parts[i].name != "left-upper-arm" && p.parts[i].name != "left-forearm" {
			continue
		}
		ref := p.partGroup[i]
		gr := &p.groups[ref.group]
		fr := &f[p.parts[i].frame]
		for v := ref.firstVert; v < ref.firstVert+ref.nVerts; v++ {
			w := add3(mulMV(&fr.R, vec3{gr.local[3*v], gr.local[3*v+1], gr.local[3*v+2]}), fr.T)
			if w[1] > below {
				continue
			}
			for _, ti := range torso {
				tf := &f[p.parts[ti].frame]
				if p.parts[ti].shape.containsLocal(mulMtV(&tf.R, sub3(w, tf.T))) {
					return true
				}
			}
		}
	}
	return false
}
