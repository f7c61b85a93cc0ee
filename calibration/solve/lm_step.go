package solve

// step solves the damped normal equations (J^T J + λ D) d = -J^T r by
// eliminating the B blocks (Schur complement) and returns the update of
// every A and B block.
func (s *lmState) step(lambda float64) (da, db [][]float64, err error) {
	p := s.p
	na, pa, pb := len(p.A), s.pa, s.pb
	n := na * pa
	sm := make([]float64, n*n)
	rhs := make([]float64, n)
	for a := 0; a < na; a++ {
		for i := 0; i < pa; i++ {
			for j := 0; j < pa; j++ {
				sm[(a*pa+i)*n+a*pa+j] = s.u[a][i*pa+j]
			}
			row := (a*pa + i) * n
			if !s.freeA[a][i] {
				for j := 0; j < n; j++ {
					sm[row+j] = 0
					sm[j*n+a*pa+i] = 0
				}
				sm[row+a*pa+i] = 1
				continue
			}
			d := s.u[a][i*pa+i]
			sm[row+a*pa+i] = d + lambda*d + 1e-12
			rhs[a*pa+i] = -s.ga[a][i]
		}
	}
	vinv := make([][]float64, len(p.B))
	tmp := make([]float64, pa*pb)
	for b := range p.B {
		if s.fixedB(b) {
			continue
		}
		vd := append([]float64(nil), s.v[b]...)
		for i := 0; i < pb; i++ {
			vd[i*pb+i] += lambda*vd[i*pb+i] + 1e-12
		}
		vi, e := invertSPD(vd, pb)
		if e != nil {
			return nil, nil, e
		}
		vinv[b] = vi
		for _, r1 := range s.byB[b] {
			w1 := s.w[r1.w]
			// tmp = W1 Vinv (pa×pb)
			clear(tmp)
			for i := 0; i < pa; i++ {
				for k := 0; k < pb; k++ {
					wv := w1[i*pb+k]
					if wv == 0 {
						continue
					}
					for j := 0; j < pb; j++ {
						tmp[i*pb+j] += wv * vi[k*pb+j]
					}
				}
			}
			// rhs_a1 += W1 Vinv gb
			for i := 0; i < pa; i++ {
				if !s.freeA[r1.a][i] {
					continue
				}
				acc := 0.0
				for j := 0; j < pb; j++ {
					acc += tmp[i*pb+j] * s.gb[b][j]
				}
				rhs[r1.a*pa+i] += acc
			}
			for _, r2 := range s.byB[b] {
				w2 := s.w[r2.w]
				for i := 0; i < pa; i++ {
					if !s.freeA[r1.a][i] {
						continue
					}
					row := (r1.a*pa + i) * n
					for j := 0; j < pa; j++ {
						if !s.freeA[r2.a][j] {
							continue
						}
						acc := 0.0
						for k := 0; k < pb; k++ {
							acc += tmp[i*pb+k] * w2[j*pb+k]
						}
						sm[row+r2.a*pa+j] -= acc
					}
				}
			}
		}
	}
	if n > 0 {
		if err := cholesky(sm, n); err != nil {
			return nil, nil, err
		}
		cholSolve(sm, n, rhs)
	}
	da = make([][]float64, na)
	for a := range da {
		da[a] = rhs[a*pa : (a+1)*pa]
	}
	db = make([][]float64, len(p.B))
	for b := range p.B {
		db[b] = make([]float64, pb)
		if s.fixedB(b) {
			continue
		}
		t := make([]float64, pb)
		for j := 0; j < pb; j++ {
			t[j] = -s.gb[b][j]
		}
		for _, r := range s.byB[b] {
			w := s.w[r.w]
			for i := 0; i < pa; i++ {
				d := da[r.a][i]
				if d == 0 {
					continue
				}
				for j := 0; j < pb; j++ {
					t[j] -= w[i*pb+j] * d
				}
			}
		}
		for i := 0; i < pb; i++ {
			acc := 0.0
			for j := 0; j < pb; j++ {
				acc += vinv[b][i*pb+j] * t[j]
			}
			db[b][i] = acc
		}
	}
	return da, db, nil
}

// apply returns the parameters moved by the update, leaving p untouched.
func (s *lmState) apply(da, db [][]float64) (na, nb [][]float64) {
	p := s.p
	na = make([][]float64, len(p.A))
	for a, x := range p.A {
		na[a] = make([]float64, len(x))
		plus(p.PlusA, x, da[a], na[a])
		for k := range x {
			if !s.freeA[a][k] {
				na[a][k] = x[k]
			}
		}
	}
	nb = make([][]float64, len(p.B))
	for b, x := range p.B {
		nb[b] = make([]float64, len(x))
		if s.fixedB(b) {
			copy(nb[b], x)
			continue
		}
		plus(p.PlusB, x, db[b], nb[b])
	}
	return na, nb
}

// commit copies accepted parameters into the problem's own slices.
func (s *lmState) commit(na, nb [][]float64) {
	for a := range na {
		copy(s.p.A[a], na[a])
	}
	for b := range nb {
		copy(s.p.B[b], nb[b])
	}
}
