package solve

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randomSPD(rng *rand.Rand, n int) []float64 {
	b := make([]float64, n*n)
	for i := range b {
		b[i] = rng.NormFloat64()
	}
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for k := 0; k < n; k++ {
				s += b[i*n+k] * b[j*n+k]
			}
			a[i*n+j] = s
		}
		a[i*n+i] += float64(n)
	}
	return a
}

func TestCholeskySolve(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 3, 6, 15, 40} {
		a := randomSPD(rng, n)
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64()
		}
		b := make([]float64, n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				b[i] += a[i*n+j] * x[j]
			}
		}
		l := append([]float64(nil), a...)
		if err := cholesky(l, n); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		cholSolve(l, n, b)
		for i := range x {
			if math.Abs(b[i]-x[i]) > 1e-9 {
				t.Fatalf("n=%d: x[%d]=%g want %g", n, i, b[i], x[i])
			}
		}
		inv, err := invertSPD(a, n)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				s := 0.0
				for k := 0; k < n; k++ {
					s += a[i*n+k] * inv[k*n+j]
				}
				want := 0.0
				if i == j {
					want = 1
				}
				if math.Abs(s-want) > 1e-9 {
					t.Fatalf("n=%d: (A A^-1)[%d,%d]=%g", n, i, j, s)
				}
			}
		}
	}
}

func TestCholeskyRejectsIndefinite(t *testing.T) {
	t.Parallel()
	a := []float64{1, 2, 2, 1}
	if err := cholesky(a, 2); err == nil {
		t.Fatal("indefinite matrix accepted")
	}
}

func TestSymEigen(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{2, 4, 9} {
		a := randomSPD(rng, n)
		vals, vecs := symEigen(a, n)
		for k := 0; k < n; k++ {
			if k > 0 && vals[k] < vals[k-1] {
				t.Fatalf("n=%d: eigenvalues not ascending: %v", n, vals)
			}
			for i := 0; i < n; i++ {
				av := 0.0
				for j := 0; j < n; j++ {
					av += a[i*n+j] * vecs[j*n+k]
				}
				if math.Abs(av-vals[k]*vecs[i*n+k]) > 1e-8 {
					t.Fatalf("n=%d: A v != lambda v for eigenpair %d", n, k)
				}
			}
		}
	}
}
