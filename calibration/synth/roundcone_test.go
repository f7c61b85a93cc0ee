package synth

import (
	"math"
	"math/rand/v2"
	"testing"
)

// signedVolume is the volume a triangle soup encloses, positive when its
// triangles are counter-clockwise seen from outside.
func signedVolume(pos []float64, idx []uint32) float64 {
	var v float64
	for t := 0; t+2 < len(idx); t += 3 {
		a := vec3{pos[3*idx[t]], pos[3*idx[t]+1], pos[3*idx[t]+2]}
		b := vec3{pos[3*idx[t+1]], pos[3*idx[t+1]+1], pos[3*idx[t+1]+2]}
		c := vec3{pos[3*idx[t+2]], pos[3*idx[t+2]+1], pos[3*idx[t+2]+2]}
		v += dot3(a, cross3(b, c)) / 6
	}
	return v
}

func TestRoundConeTessellationMatchesInsideTest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		c    roundCone
	}{
		{"sphere", newRoundCone(vec3{0.1, 0.2, 0.3}, vec3{0.1, 0.2, 0.3}, 0.1, 0.1, vec3{1, 1, 1})},
		{"capsule", newRoundCone(vec3{0, 0, 0}, vec3{0, -0.3, 0}, 0.05, 0.05, vec3{1, 1, 1})},
		{"tapered", newRoundCone(vec3{0, 0, 0}, vec3{0, -0.43, 0}, 0.085, 0.056, vec3{1, 1, 1})},
		{"scaled oblique", newRoundCone(vec3{-0.1, 0, 0.05}, vec3{0.2, 0.1, 0}, 0.07, 0.1, vec3{1, 0.6, 0.72})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tess := tc.c.tessellate(80, 96, 1, 1)
			vol := signedVolume(tess.pos, tess.idx)
			// Monte Carlo volume of the inside test over the exact box.
			lo, hi := tc.c.boundsUnder(&ident3)
			rng := rand.New(rand.NewPCG(1, 2))
			const n = 200000
			in := 0
			for i := 0; i < n; i++ {
				p := vec3{lo[0] + (hi[0]-lo[0])*rng.Float64(), lo[1] + (hi[1]-lo[1])*rng.Float64(), lo[2] + (hi[2]-lo[2])*rng.Float64()}
				if tc.c.containsLocal(p) {
					in++
				}
			}
			mc := float64(in) / n * (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2])
			if vol <= 0 {
				t.Fatalf("signed volume %g: triangles face inward", vol)
			}
			if math.Abs(vol-mc)/mc > 0.02 {
				t.Errorf("mesh volume %g, inside-test volume %g", vol, mc)
			}
			// Every vertex lies within the exact box.
			for v := 0; v < len(tess.pos)/3; v++ {
				for k := 0; k < 3; k++ {
					if x := tess.pos[3*v+k]; x < lo[k]-1e-9 || x > hi[k]+1e-9 {
						t.Fatalf("vertex %d coordinate %d = %g outside [%g, %g]", v, k, x, lo[k], hi[k])
					}
				}
			}
		})
	}
}
