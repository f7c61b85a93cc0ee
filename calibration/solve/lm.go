package solve

import (
	"fmt"
	"math"
	"runtime"
)

// Block is one residual block of a Problem: Dim residuals that depend on at
// most one A parameter block and at most one B parameter block (-1: none).
// In bundle adjustment A blocks are cameras, B blocks board poses, and a
// residual block is one camera's view of one board pose.
type Block struct{ A, B, Dim int }

// Problem is a nonlinear least-squares problem with the two-level block
// structure of bundle adjustment. Solve minimises ½ Σ ρ(r_k²) over the free
// parameters, where r is produced by Eval block by block and ρ is the Huber
// loss when Huber > 0 (plain squares otherwise). Jacobians are taken by
// central differences through Plus, so Eval is all a caller writes.
type Problem struct {
	A, B   [][]float64 // parameter blocks, updated in place by Solve
	FixedA [][]bool    // per-parameter mask of A blocks; nil or nil entry: all free
	FixedB []bool      // whole B blocks held fixed; nil: all free
	Blocks []Block
	// Eval writes the residuals of block i, given its parameter blocks (b is
	// nil when the block has none), into r (length Blocks[i].Dim). It must be
	// safe to call concurrently for different i.
	Eval func(i int, a, b, r []float64)
	// PlusA and PlusB apply an update dx to a parameter block (out may not
	// alias x). Nil means x + dx.
	PlusA, PlusB func(x, dx, out []float64)
	Huber        float64 // Huber threshold on |r_k|; 0 disables the robust loss
}

// Options tunes Solve. The zero value gives sensible defaults.
type Options struct {
	MaxIterations int     // default 100
	Tolerance     float64 // stop when the relative cost decrease is below; default 1e-10
	Workers       int     // goroutines for Jacobians; default GOMAXPROCS
	// Progress, when set, is called after every iteration with the
	// iteration number, the limit and the current cost.
	Progress func(iteration, max int, cost float64)
}

// Result reports how a Solve went. Costs are ½ Σ ρ(r²).
type Result struct {
	Iterations  int
	InitialCost float64
	FinalCost   float64
	Converged   bool
}

// Solve runs Levenberg-Marquardt on p, exploiting its block structure: the
// B blocks (board poses) are eliminated with a Schur complement so that the
// dense system solved each iteration has only the A parameters (cameras).
func Solve(p *Problem, opt Options) (Result, error) {
	if err := p.check(); err != nil {
		return Result{}, err
	}
	if opt.MaxIterations <= 0 {
		opt.MaxIterations = 100
	}
	if opt.Tolerance <= 0 {
		opt.Tolerance = 1e-10
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	s := newLMState(p, opt)
	cost := s.cost(p.A, p.B)
	res := Result{InitialCost: cost, FinalCost: cost}
	if !finite(cost) {
		return res, fmt.Errorf("initial cost is %g: %w", cost, ErrNotConverged)
	}
	lambda := 1e-4
	for it := 0; it < opt.MaxIterations; it++ {
		res.Iterations = it + 1
		s.linearise()
		accepted := false
		for try := 0; try < 12; try++ {
			da, db, err := s.step(lambda)
			if err != nil {
				lambda *= 10
				continue
			}
			na, nb := s.apply(da, db)
			nc := s.cost(na, nb)
			if finite(nc) && nc < cost {
				s.commit(na, nb)
				rel := (cost - nc) / math.Max(cost, 1e-300)
				cost = nc
				lambda = math.Max(lambda/4, 1e-12)
				accepted = true
				if rel < opt.Tolerance {
					res.Converged = true
				}
				break
			}
			lambda *= 8
		}
		if opt.Progress != nil {
			opt.Progress(it+1, opt.MaxIterations, cost)
		}
		if !accepted {
			// No step decreases the cost: at a minimum to machine precision.
			res.Converged = true
		}
		if res.Converged {
			break
		}
	}
	res.FinalCost = cost
	return res, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (p *Problem) check() error {
	if p.Eval == nil {
		return fmt.Errorf("problem has no Eval: %w", ErrInput)
	}
	sizeA, sizeB := -1, -1
	for i, a := range p.A {
		if sizeA >= 0 && len(a) != sizeA {
			return fmt.Errorf("parameter block A%d has %d parameters, others %d: %w", i, len(a), sizeA, ErrInput)
		}
		sizeA = len(a)
		if p.FixedA != nil && i < len(p.FixedA) && p.FixedA[i] != nil && len(p.FixedA[i]) != len(a) {
			return fmt.Errorf("parameter block A%d: fixed mask has %d entries for %d parameters: %w", i, len(p.FixedA[i]), len(a), ErrInput)
		}
	}
	for i, b := range p.B {
		if sizeB >= 0 && len(b) != sizeB {
			return fmt.Errorf("parameter block B%d has %d parameters, others %d: %w", i, len(b), sizeB, ErrInput)
		}
		sizeB = len(b)
	}
	if p.FixedB != nil && len(p.FixedB) != len(p.B) {
		return fmt.Errorf("FixedB has %d entries for %d B blocks: %w", len(p.FixedB), len(p.B), ErrInput)
	}
	for i, bl := range p.Blocks {
		if bl.A < -1 || bl.A >= len(p.A) || bl.B < -1 || bl.B >= len(p.B) || bl.Dim <= 0 {
			return fmt.Errorf("residual block %d refers to A %d, B %d, dim %d: %w", i, bl.A, bl.B, bl.Dim, ErrInput)
		}
	}
	for _, x := range append(append([][]float64(nil), p.A...), p.B...) {
		for _, v := range x {
			if !finite(v) {
				return fmt.Errorf("parameter is %g: %w", v, ErrInput)
			}
		}
	}
	return nil
}
