package solve

import (
	"fmt"
	"math"
)

// cholesky factors the symmetric positive definite n×n row-major matrix a in
// place into its lower triangle L (a = L L^T). It fails with ErrDegenerate
// when a pivot is not positive.
func cholesky(a []float64, n int) error {
	for j := 0; j < n; j++ {
		s := a[j*n+j]
		for k := 0; k < j; k++ {
			s -= a[j*n+k] * a[j*n+k]
		}
		if !(s > 0) {
			return fmt.Errorf("cholesky pivot %d is %g: %w", j, s, ErrDegenerate)
		}
		d := math.Sqrt(s)
		a[j*n+j] = d
		for i := j + 1; i < n; i++ {
			s := a[i*n+j]
			for k := 0; k < j; k++ {
				s -= a[i*n+k] * a[j*n+k]
			}
			a[i*n+j] = s / d
		}
	}
	return nil
}

// cholSolve solves L L^T x = b in place in b, with L from cholesky.
func cholSolve(l []float64, n int, b []float64) {
	for i := 0; i < n; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= l[i*n+k] * b[k]
		}
		b[i] = s / l[i*n+i]
	}
	for i := n - 1; i >= 0; i-- {
		s := b[i]
		for k := i + 1; k < n; k++ {
			s -= l[k*n+i] * b[k]
		}
		b[i] = s / l[i*n+i]
	}
}

// invertSPD returns the inverse of a symmetric positive definite n×n matrix.
func invertSPD(a []float64, n int) ([]float64, error) {
	l := append([]float64(nil), a...)
	if err := cholesky(l, n); err != nil {
		return nil, err
	}
	inv := make([]float64, n*n)
	col := make([]float64, n)
	for j := 0; j < n; j++ {
		clear(col)
		col[j] = 1
		cholSolve(l, n, col)
		for i := 0; i < n; i++ {
			inv[i*n+j] = col[i]
		}
	}
	return inv, nil
}

// symEigen computes the eigenvalues and eigenvectors of the symmetric n×n
// row-major matrix a with cyclic Jacobi rotations. Eigenvalues come back in
// ascending order; column k of vecs (vecs[i*n+k]) is the k-th eigenvector.
func symEigen(a []float64, n int) (vals, vecs []float64) {
	m := append([]float64(nil), a...)
	v := make([]float64, n*n)
	for i := 0; i < n; i++ {
		v[i*n+i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				off += m[p*n+q] * m[p*n+q]
			}
		}
		if off < 1e-30 {
			break
		}
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				apq := m[p*n+q]
				if math.Abs(apq) < 1e-300 {
					continue
				}
				theta := (m[q*n+q] - m[p*n+p]) / (2 * apq)
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := 0; k < n; k++ {
					mkp, mkq := m[k*n+p], m[k*n+q]
					m[k*n+p] = c*mkp - s*mkq
					m[k*n+q] = s*mkp + c*mkq
				}
				for k := 0; k < n; k++ {
					mpk, mqk := m[p*n+k], m[q*n+k]
					m[p*n+k] = c*mpk - s*mqk
					m[q*n+k] = s*mpk + c*mqk
				}
				for k := 0; k < n; k++ {
					vkp, vkq := v[k*n+p], v[k*n+q]
					v[k*n+p] = c*vkp - s*vkq
					v[k*n+q] = s*vkp + c*vkq
				}
			}
		}
	}
	// Sort ascending (selection sort; n is small).
	vals = make([]float64, n)
	for i := range vals {
		vals[i] = m[i*n+i]
	}
	for i := 0; i < n; i++ {
		k := i
		for j := i + 1; j < n; j++ {
			if vals[j] < vals[k] {
				k = j
			}
		}
		if k != i {
			vals[i], vals[k] = vals[k], vals[i]
			for r := 0; r < n; r++ {
				v[r*n+i], v[r*n+k] = v[r*n+k], v[r*n+i]
			}
		}
	}
	return vals, v
}
