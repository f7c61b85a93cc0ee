package rig

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFromProjectionRandom composes P = s K[R|t] for random K, R, t and
// scales s of both signs, and checks the decomposition gives them back.
func TestFromProjectionRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 10))
	scales := []float64{1, -1, -2, 0.001, 1e4, -3.7e-3}
	for i := 0; i < 300; i++ {
		want := Camera{
			Width: 1920, Height: 1080,
			K: Intrinsics{Fx: 300 + 3000*rng.Float64(), Fy: 300 + 3000*rng.Float64(),
				Cx: 1919 * rng.Float64(), Cy: 1079 * rng.Float64()},
			Pose: Pose{R: randomRotation(rng), T: [3]float64{rng.NormFloat64(), rng.NormFloat64(), 3 * rng.NormFloat64()}},
		}
		s := scales[i%len(scales)]
		p := want.Projection()
		for j := range p {
			p[j] *= s
		}
		got, err := FromProjection(p, want.Width, want.Height)
		if err != nil {
			t.Fatalf("case %d (scale %g): %v", i, s, err)
		}
		kw := []float64{want.K.Fx, want.K.Fy, want.K.Cx, want.K.Cy}
		kg := []float64{got.K.Fx, got.K.Fy, got.K.Cx, got.K.Cy}
		if d := maxAbsDiff(kg, kw) / want.K.Fx; d > 1e-12 {
			t.Errorf("case %d: K relative error %g: got %v want %v", i, d, kg, kw)
		}
		if d := maxAbsDiff(got.Pose.R[:], want.Pose.R[:]); d > 1e-12 {
			t.Errorf("case %d: R error %g", i, d)
		}
		if d := maxAbsDiff(got.Pose.T[:], want.Pose.T[:]); d > 1e-12 {
			t.Errorf("case %d: t error %g", i, d)
		}
		if got.Width != want.Width || got.Height != want.Height || !got.D.IsZero() {
			t.Errorf("case %d: size or distortion wrong: %+v", i, got)
		}
	}
}

// TestFromProjectionDepthSign: whatever the sign of P, a point in front of
// the camera gets positive depth.
func TestFromProjectionDepthSign(t *testing.T) {
	t.Parallel()
	c := testRig().Cameras[1]
	c.D = Distortion{}
	target := [3]float64{0, 1, 0}
	for _, s := range []float64{1, -1, -2, 0.5} {
		p := c.Projection()
		for j := range p {
			p[j] *= s
		}
		got, err := FromProjection(p, c.Width, c.Height)
		if err != nil {
			t.Fatal(err)
		}
		px, depth := got.Project(target)
		want, wantDepth := c.Project(target)
		if depth <= 0 || math.Abs(depth-wantDepth) > 1e-12 || dist2(px, want) > 1e-9 {
			t.Errorf("scale %g: %v depth %g, want %v depth %g", s, px, depth, want, wantDepth)
		}
	}
}

func TestFromProjectionErrors(t *testing.T) {
	t.Parallel()
	good := wideCamera()
	good.D = Distortion{}
	base := good.Projection()
	tests := []struct {
		name   string
		mutate func(p *[12]float64)
		is     error
		want   string
	}{
		{"zero", func(p *[12]float64) { *p = [12]float64{} }, ErrDegenerate, "singular"},
		{"rank 2", func(p *[12]float64) { p[8], p[9], p[10] = p[0], p[1], p[2] }, ErrDegenerate, "singular"},
		{"NaN", func(p *[12]float64) { p[5] = math.NaN() }, ErrDegenerate, "not finite"},
		{"Inf", func(p *[12]float64) { p[11] = math.Inf(1) }, ErrDegenerate, "not finite"},
		{"skew", func(p *[12]float64) {
			// Add 5 px of skew: K' = [1 s 0; 0 1 0; 0 0 1] applied on the left adds s*row2 to row1.
			s := 5 / good.K.Fy
			for j := 0; j < 4; j++ {
				p[j] += s * p[4+j]
			}
		}, ErrUnsupported, "skew"},
		{"principal point outside", func(p *[12]float64) {
			// Shift cx by 2000 px: add 2000*row3 to row1.
			for j := 0; j < 4; j++ {
				p[j] += 2000 * p[8+j]
			}
		}, ErrInvalid, "intrinsics.cx"},
	}
	for _, tc := range tests {
		p := base
		tc.mutate(&p)
		_, err := FromProjection(p, good.Width, good.Height)
		if !errors.Is(err, tc.is) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.is)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not contain %q", tc.name, err, tc.want)
		}
	}
	if _, err := FromProjection(base, 0, 1080); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero width: err = %v, want ErrInvalid", err)
	}
}

func TestRQ3(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 100; i++ {
		var m [9]float64
		for j := range m {
			m[j] = rng.NormFloat64()
		}
		k, r, err := rq3(m)
		if err != nil {
			t.Fatal(err)
		}
		if k[3] != 0 || k[6] != 0 || k[7] != 0 || k[0] <= 0 || k[4] <= 0 || k[8] <= 0 {
			t.Fatalf("K not upper triangular with positive diagonal: %v", k)
		}
		if e := orthonormalError(r); e > 1e-12 {
			t.Fatalf("R not orthonormal: %g", e)
		}
		var kr [9]float64
		for a := 0; a < 3; a++ {
			for b := 0; b < 3; b++ {
				for c := 0; c < 3; c++ {
					kr[3*a+b] += k[3*a+c] * r[3*c+b]
				}
			}
		}
		if d := maxAbsDiff(kr[:], m[:]); d > 1e-12 {
			t.Fatalf("K*R differs from M by %g", d)
		}
	}
}
