package solve

import (
	"math"
	"sync"
)

// lmState holds the linearisation of a Problem around its current point.
type lmState struct {
	p       *Problem
	workers int
	pa, pb  int   // A and B block sizes
	offs    []int // residual offset of each block
	nres    int
	ja, jb  [][]float64 // per residual block: Dim×pa and Dim×pb, weighted
	r       [][]float64 // per residual block, weighted
	u       [][]float64 // per A block: pa×pa J^T J
	v       [][]float64 // per B block: pb×pb
	ga, gb  [][]float64
	w       [][]float64 // per (a,b) pair: pa×pb
	pairs   map[[2]int]int
	byB     [][]pairRef // for each B block, the A blocks sharing residuals
	freeA   [][]bool
}

type pairRef struct{ a, w int }

func newLMState(p *Problem, opt Options) *lmState {
	s := &lmState{p: p, workers: opt.Workers, pairs: map[[2]int]int{}}
	if len(p.A) > 0 {
		s.pa = len(p.A[0])
	}
	if len(p.B) > 0 {
		s.pb = len(p.B[0])
	}
	s.offs = make([]int, len(p.Blocks))
	for i, bl := range p.Blocks {
		s.offs[i] = s.nres
		s.nres += bl.Dim
	}
	s.ja = make([][]float64, len(p.Blocks))
	s.jb = make([][]float64, len(p.Blocks))
	s.r = make([][]float64, len(p.Blocks))
	s.byB = make([][]pairRef, len(p.B))
	for i, bl := range p.Blocks {
		s.r[i] = make([]float64, bl.Dim)
		if bl.A >= 0 {
			s.ja[i] = make([]float64, bl.Dim*s.pa)
		}
		if bl.B >= 0 {
			s.jb[i] = make([]float64, bl.Dim*s.pb)
		}
		if bl.A >= 0 && bl.B >= 0 {
			key := [2]int{bl.A, bl.B}
			if _, ok := s.pairs[key]; !ok {
				s.pairs[key] = len(s.w)
				s.w = append(s.w, make([]float64, s.pa*s.pb))
				s.byB[bl.B] = append(s.byB[bl.B], pairRef{a: bl.A, w: s.pairs[key]})
			}
		}
	}
	s.u = makeBlocks(len(p.A), s.pa*s.pa)
	s.v = makeBlocks(len(p.B), s.pb*s.pb)
	s.ga = makeBlocks(len(p.A), s.pa)
	s.gb = makeBlocks(len(p.B), s.pb)
	s.freeA = make([][]bool, len(p.A))
	for a := range p.A {
		s.freeA[a] = make([]bool, s.pa)
		for k := range s.freeA[a] {
			s.freeA[a][k] = p.FixedA == nil || a >= len(p.FixedA) || p.FixedA[a] == nil || !p.FixedA[a][k]
		}
	}
	return s
}

func makeBlocks(n, size int) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, size)
	}
	return out
}

func (s *lmState) fixedB(b int) bool { return s.p.FixedB != nil && s.p.FixedB[b] }

// parallel runs f(i) for i in [0, n) on s.workers goroutines.
func (s *lmState) parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < s.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	wg.Wait()
}

func blockParams(x [][]float64, i int) []float64 {
	if i < 0 {
		return nil
	}
	return x[i]
}

// huberWeight returns the IRLS weight of a residual and its robust cost.
func (s *lmState) huberWeight(r float64) (w, cost float64) {
	d := s.p.Huber
	a := math.Abs(r)
	if d <= 0 || a <= d {
		return 1, 0.5 * r * r
	}
	return d / a, d * (a - 0.5*d)
}

// cost evaluates ½ Σ ρ(r²) at the given parameters.
func (s *lmState) cost(a, b [][]float64) float64 {
	parts := make([]float64, len(s.p.Blocks))
	s.parallel(len(s.p.Blocks), func(i int) {
		bl := s.p.Blocks[i]
		r := make([]float64, bl.Dim)
		s.p.Eval(i, blockParams(a, bl.A), blockParams(b, bl.B), r)
		c := 0.0
		for _, v := range r {
			_, ci := s.huberWeight(v)
			c += ci
		}
		parts[i] = c
	})
	total := 0.0
	for _, c := range parts {
		total += c
	}
	return total
}

func plus(f func(x, dx, out []float64), x, dx, out []float64) {
	if f != nil {
		f(x, dx, out)
		return
	}
	for i := range x {
		out[i] = x[i] + dx[i]
	}
}

// linearise computes the weighted residuals and Jacobians of every block by
// central differences and accumulates the normal equations.
func (s *lmState) linearise() {
	p := s.p
	s.parallel(len(p.Blocks), func(i int) {
		bl := p.Blocks[i]
		xa, xb := blockParams(p.A, bl.A), blockParams(p.B, bl.B)
		p.Eval(i, xa, xb, s.r[i])
		rp := make([]float64, bl.Dim)
		rm := make([]float64, bl.Dim)
		if bl.A >= 0 {
			s.numJac(s.ja[i], bl.Dim, s.pa, xa, p.PlusA, s.freeA[bl.A], func(x []float64, r []float64) { p.Eval(i, x, xb, r) }, rp, rm)
		}
		if bl.B >= 0 && !s.fixedB(bl.B) {
			s.numJac(s.jb[i], bl.Dim, s.pb, xb, p.PlusB, nil, func(x []float64, r []float64) { p.Eval(i, xa, x, r) }, rp, rm)
		} else if bl.B >= 0 {
			clear(s.jb[i])
		}
		// Robust weighting (IRLS): scale rows by sqrt(w).
		for k, v := range s.r[i] {
			w, _ := s.huberWeight(v)
			if w == 1 {
				continue
			}
			sw := math.Sqrt(w)
			s.r[i][k] *= sw
			if bl.A >= 0 {
				for j := 0; j < s.pa; j++ {
					s.ja[i][k*s.pa+j] *= sw
				}
			}
			if bl.B >= 0 {
				for j := 0; j < s.pb; j++ {
					s.jb[i][k*s.pb+j] *= sw
				}
			}
		}
	})
	for _, m := range [][][]float64{s.u, s.v, s.ga, s.gb, s.w} {
		for _, blk := range m {
			clear(blk)
		}
	}
	for i, bl := range p.Blocks {
		if bl.A >= 0 {
			atb(s.u[bl.A], s.ja[i], s.ja[i], bl.Dim, s.pa, s.pa)
			atv(s.ga[bl.A], s.ja[i], s.r[i], bl.Dim, s.pa)
		}
		if bl.B >= 0 {
			atb(s.v[bl.B], s.jb[i], s.jb[i], bl.Dim, s.pb, s.pb)
			atv(s.gb[bl.B], s.jb[i], s.r[i], bl.Dim, s.pb)
		}
		if bl.A >= 0 && bl.B >= 0 {
			atb(s.w[s.pairs[[2]int{bl.A, bl.B}]], s.ja[i], s.jb[i], bl.Dim, s.pa, s.pb)
		}
	}
}

// numJac fills the dim×n Jacobian j of f at x by central differences.
func (s *lmState) numJac(j []float64, dim, n int, x []float64, plusF func(x, dx, out []float64), free []bool, f func(x, r []float64), rp, rm []float64) {
	dx := make([]float64, n)
	xp := make([]float64, n)
	xm := make([]float64, n)
	for k := 0; k < n; k++ {
		if free != nil && !free[k] {
			for row := 0; row < dim; row++ {
				j[row*n+k] = 0
			}
			continue
		}
		h := 1e-6 * math.Max(1, math.Abs(x[k]))
		clear(dx)
		dx[k] = h
		plus(plusF, x, dx, xp)
		dx[k] = -h
		plus(plusF, x, dx, xm)
		f(xp, rp)
		f(xm, rm)
		for row := 0; row < dim; row++ {
			j[row*n+k] = (rp[row] - rm[row]) / (2 * h)
		}
	}
}

// atb accumulates a^T b into out (a: rows×m, b: rows×n, out: m×n).
func atb(out, a, b []float64, rows, m, n int) {
	for r := 0; r < rows; r++ {
		ar, br := a[r*m:(r+1)*m], b[r*n:(r+1)*n]
		for i, av := range ar {
			if av == 0 {
				continue
			}
			o := out[i*n : (i+1)*n]
			for k, bv := range br {
				o[k] += av * bv
			}
		}
	}
}

// atv accumulates a^T v into out.
func atv(out, a, v []float64, rows, m int) {
	for r := 0; r < rows; r++ {
		for i := 0; i < m; i++ {
			out[i] += a[r*m+i] * v[r]
		}
	}
}
