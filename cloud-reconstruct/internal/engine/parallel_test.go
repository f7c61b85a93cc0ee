package engine

import (
	"sync/atomic"
	"testing"
)

func TestParallelHelpersCoverEveryIndexOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 7, 1000} {
		for _, workers := range []int{1, 2, 5} {
			hits := make([]atomic.Int32, n)
			parallelFor(n, workers, func(_, lo, hi int) {
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			parallelEach(n, workers, func(_, i int) { hits[i].Add(1) })
			parallelChunks(n, 3, workers, func(_, lo, hi int) {
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			for i := range hits {
				if h := hits[i].Load(); h != 3 {
					t.Fatalf("n %d workers %d: index %d hit %d times, want 3", n, workers, i, h)
				}
			}
		}
	}
}
