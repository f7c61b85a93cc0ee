package solve

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// toyProblem: A blocks are (amplitude, rate) of 3 groups, B blocks the
// offset of 10 series; every group measures every series at 6 times:
// y = amp exp(-rate t) + off.
type toy struct {
	amp, rate []float64
	off       []float64
	ts        []float64
	y         [][]float64 // per residual block
}

func newToy(rng *rand.Rand, noise float64, outliers int) (*toy, *Problem) {
	tt := &toy{
		amp:  []float64{2, 3.5, 1.2},
		rate: []float64{0.5, 1.5, 0.8},
		ts:   []float64{0, 0.3, 0.7, 1.2, 2, 3},
	}
	for s := 0; s < 10; s++ {
		tt.off = append(tt.off, rng.Float64()*4-2)
	}
	p := &Problem{}
	for g := range tt.amp {
		p.A = append(p.A, []float64{1, 1})
		for s := range tt.off {
			y := make([]float64, len(tt.ts))
			for k, t := range tt.ts {
				y[k] = tt.amp[g]*math.Exp(-tt.rate[g]*t) + tt.off[s] + noise*rng.NormFloat64()
			}
			tt.y = append(tt.y, y)
			p.Blocks = append(p.Blocks, Block{A: g, B: s, Dim: len(tt.ts)})
		}
	}
	for k := 0; k < outliers; k++ {
		tt.y[rng.IntN(len(tt.y))][rng.IntN(len(tt.ts))] += 50
	}
	for range tt.off {
		p.B = append(p.B, []float64{0})
	}
	p.Eval = func(i int, a, b, r []float64) {
		for k, t := range tt.ts {
			r[k] = a[0]*math.Exp(-a[1]*t) + b[0] - tt.y[i][k]
		}
	}
	return tt, p
}

func TestSolveRecoversExactly(t *testing.T) {
	t.Parallel()
	tt, p := newToy(rand.New(rand.NewPCG(1, 1)), 0, 0)
	res, err := Solve(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Converged || res.FinalCost > 1e-16 {
		t.Fatalf("not converged: %+v", res)
	}
	for g := range tt.amp {
		if math.Abs(p.A[g][0]-tt.amp[g]) > 1e-6 || math.Abs(p.A[g][1]-tt.rate[g]) > 1e-6 {
			t.Errorf("group %d: got %v want (%g, %g)", g, p.A[g], tt.amp[g], tt.rate[g])
		}
	}
	for s := range tt.off {
		if math.Abs(p.B[s][0]-tt.off[s]) > 1e-6 {
			t.Errorf("series %d: offset %g want %g", s, p.B[s][0], tt.off[s])
		}
	}
}

// TestSolveMatchesDenseNormalEquations checks, with noise, that the
// solution is a stationary point: the full gradient J^T r vanishes.
func TestSolveStationaryWithNoise(t *testing.T) {
	t.Parallel()
	_, p := newToy(rand.New(rand.NewPCG(2, 2)), 0.05, 0)
	res, err := Solve(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := newLMState(p, Options{Workers: 1})
	s.linearise()
	g := 0.0
	for _, v := range append(append([][]float64(nil), s.ga...), s.gb...) {
		for _, x := range v {
			g = math.Max(g, math.Abs(x))
		}
	}
	if g > 1e-5 {
		t.Fatalf("gradient %g at the solution (%+v)", g, res)
	}
	if res.FinalCost >= res.InitialCost {
		t.Fatalf("cost did not decrease: %+v", res)
	}
}

func TestSolveFixedAndHuber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		outliers int
		huber    float64
		tol      float64
	}{
		{"fixed-rate", 0, 0, 1e-6},
		{"huber-rejects-outliers", 6, 0.1, 0.02},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tt, p := newToy(rand.New(rand.NewPCG(3, 3)), 0, tc.outliers)
			p.Huber = tc.huber
			// Hold group 0's rate at its true value and series 0 fixed.
			p.A[0][1] = tt.rate[0]
			p.FixedA = [][]bool{{false, true}, nil, nil}
			p.B[0][0] = tt.off[0]
			p.FixedB = make([]bool, len(p.B))
			p.FixedB[0] = true
			if _, err := Solve(p, Options{Workers: 2}); err != nil {
				t.Fatal(err)
			}
			if p.A[0][1] != tt.rate[0] || p.B[0][0] != tt.off[0] {
				t.Fatal("fixed parameters moved")
			}
			for g := range tt.amp {
				if math.Abs(p.A[g][0]-tt.amp[g]) > tc.tol {
					t.Errorf("group %d amplitude %g want %g", g, p.A[g][0], tt.amp[g])
				}
			}
		})
	}
}

func TestSolveRejectsBadInput(t *testing.T) {
	t.Parallel()
	eval := func(i int, a, b, r []float64) {}
	tests := []struct {
		name string
		p    Problem
	}{
		{"no-eval", Problem{}},
		{"ragged-A", Problem{A: [][]float64{{1}, {1, 2}}, Eval: eval}},
		{"bad-block", Problem{A: [][]float64{{1}}, Blocks: []Block{{A: 3, B: -1, Dim: 1}}, Eval: eval}},
		{"nan", Problem{A: [][]float64{{math.NaN()}}, Eval: eval}},
		{"fixedB-size", Problem{B: [][]float64{{1}}, FixedB: []bool{true, false}, Eval: eval}},
	}
	for _, tc := range tests {
		if _, err := Solve(&tc.p, Options{}); !errors.Is(err, ErrInput) {
			t.Errorf("%s: err = %v, want ErrInput", tc.name, err)
		}
	}
}
