package rig

import (
	"math/rand/v2"
	"testing"
)

func TestPoseInverseAndCenter(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		p := Pose{R: randomRotation(rng), T: [3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}}
		if c := p.Apply(p.Center()); maxAbsDiff(c[:], []float64{0, 0, 0}) > 1e-12 {
			t.Fatalf("centre does not map to the camera origin: %v", c)
		}
		w := [3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		back := p.Inverse().Apply(p.Apply(w))
		if d := maxAbsDiff(back[:], w[:]); d > 1e-12 {
			t.Fatalf("Inverse(Apply(w)) off by %g", d)
		}
		pc := p.Apply(w)
		rot := p.RotateInverse(sub3(pc, p.T))
		if d := maxAbsDiff(rot[:], w[:]); d > 1e-12 {
			t.Fatalf("RotateInverse(R w) off by %g", d)
		}
	}
}

func TestPoseRotateInverse(t *testing.T) {
	t.Parallel()
	// A 90 degree turn about +Y: world +X maps to camera -Z.
	p := Pose{R: [9]float64{0, 0, 1, 0, 1, 0, -1, 0, 0}}
	got := p.Apply([3]float64{1, 0, 0})
	if got != [3]float64{0, 0, -1} {
		t.Fatalf("Apply = %v", got)
	}
	if back := p.RotateInverse(got); back != [3]float64{1, 0, 0} {
		t.Fatalf("RotateInverse = %v", back)
	}
}
