package solve

import (
	"math"
	"math/rand/v2"
	"testing"

	"cloudme.dev/calibration/rig"
)

func randomRotation(rng *rand.Rand) Mat3 {
	w := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
	n := norm3(w)
	return Rodrigues(scale3(w, (rng.Float64()*math.Pi)/n))
}

func maxDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func TestRodriguesRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	tests := []struct {
		name string
		w    Vec3
	}{
		{"zero", Vec3{}},
		{"tiny", Vec3{1e-10, -2e-10, 3e-10}},
		{"quarter-x", Vec3{math.Pi / 2, 0, 0}},
		{"near-pi", Vec3{0, math.Pi - 1e-6, 0}},
		{"pi-diag", scale3(Vec3{1 / math.Sqrt(3), 1 / math.Sqrt(3), -1 / math.Sqrt(3)}, math.Pi-1e-9)},
	}
	for i := 0; i < 50; i++ {
		w := Vec3{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		w = scale3(w, rng.Float64()*3/norm3(w))
		tests = append(tests, struct {
			name string
			w    Vec3
		}{"random", w})
	}
	for _, tc := range tests {
		r := Rodrigues(tc.w)
		if e := orthoErr(r); e > 1e-12 {
			t.Fatalf("%s: not orthonormal (%g)", tc.name, e)
		}
		back := Rodrigues(RotVec(r))
		if d := maxDiff(r[:], back[:]); d > 1e-7 {
			t.Errorf("%s: R -> w -> R differs by %g", tc.name, d)
		}
	}
}

func orthoErr(r Mat3) float64 {
	p := mulT3(r, r)
	return maxDiff(p[:], []float64{1, 0, 0, 0, 1, 0, 0, 0, 1})
}

func TestRodriguesKnown(t *testing.T) {
	t.Parallel()
	// 90° about z maps x to y.
	r := Rodrigues(Vec3{0, 0, math.Pi / 2})
	got := apply3(r, Vec3{1, 0, 0})
	if maxDiff(got[:], []float64{0, 1, 0}) > 1e-12 {
		t.Fatalf("Rz(90) x = %v", got)
	}
}

func TestNearestRotation(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 30; i++ {
		r := randomRotation(rng)
		noisy := r
		for k := range noisy {
			noisy[k] += 0.01 * rng.NormFloat64()
		}
		got := NearestRotation(noisy)
		if e := orthoErr(got); e > 1e-10 {
			t.Fatalf("not orthonormal: %g", e)
		}
		if a := RotationAngle(got, r); a > 0.05 {
			t.Fatalf("nearest rotation %g rad from the truth", a)
		}
		exact := NearestRotation(r)
		if a := RotationAngle(exact, r); a > 1e-7 {
			t.Fatalf("rotation not a fixed point: %g rad", a)
		}
	}
}

func TestQuaternionRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 30; i++ {
		r := randomRotation(rng)
		q := MatToQuat(r)
		if q[0] < 0 {
			t.Fatalf("w < 0: %v", q)
		}
		if a := RotationAngle(quatToMat(q), r); a > 1e-9 {
			t.Fatalf("quaternion round trip off by %g rad", a)
		}
	}
}

func TestComposeAndPlus(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	a := rig.Pose{R: randomRotation(rng), T: Vec3{1, 2, 3}}
	b := rig.Pose{R: randomRotation(rng), T: Vec3{-1, 0.5, 2}}
	p := Vec3{0.3, -0.2, 0.9}
	want := a.Apply(b.Apply(p))
	got := Compose(a, b).Apply(p)
	if maxDiff(got[:], want[:]) > 1e-12 {
		t.Fatalf("compose: %v want %v", got, want)
	}
	x := make([]float64, 6)
	poseToVec(a, x)
	out := make([]float64, 6)
	posePlus(x, []float64{0, 0, 0, 0, 0, 0}, out)
	if maxDiff(out, x) > 1e-12 {
		t.Fatalf("zero update moved the pose: %v -> %v", x, out)
	}
	avg := averagePoses([]rig.Pose{a, a, a}, []float64{1, 2, 3})
	if RotationAngle(avg.R, a.R) > 1e-9 || maxDiff(avg.T[:], a.T[:]) > 1e-12 {
		t.Fatal("average of equal poses differs from them")
	}
}
