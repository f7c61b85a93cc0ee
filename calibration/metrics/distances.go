package metrics

import (
	"math"
	"runtime"
	"sync"
)

// Distances between two point-sampled surfaces a and b, in metres (see the
// package doc for the definitions).
type Distances struct {
	MeanAB, MeanBA           float64 // mean distance from a point of one set to the nearest of the other
	Chamfer                  float64 // (MeanAB + MeanBA) / 2
	HausdorffAB, HausdorffBA float64 // largest such distance
	Hausdorff                float64 // max(HausdorffAB, HausdorffBA)
}

// SurfaceDistances compares two point sets, typically from SampleSurface,
// finding nearest neighbours with a k-d tree, in parallel. When both sets
// are empty every distance is 0; when only one is, every distance is +Inf.
func SurfaceDistances(a, b [][3]float64) Distances {
	switch {
	case len(a) == 0 && len(b) == 0:
		return Distances{}
	case len(a) == 0 || len(b) == 0:
		inf := math.Inf(1)
		return Distances{inf, inf, inf, inf, inf, inf}
	}
	var d Distances
	d.MeanAB, d.HausdorffAB = directed(a, b)
	d.MeanBA, d.HausdorffBA = directed(b, a)
	d.Chamfer = (d.MeanAB + d.MeanBA) / 2
	d.Hausdorff = math.Max(d.HausdorffAB, d.HausdorffBA)
	return d
}

// directed returns the mean and largest distance from points of a to their
// nearest point of b (both non-empty).
func directed(a, b [][3]float64) (mean, worst float64) {
	tree := newKDTree(b)
	workers := min(runtime.GOMAXPROCS(0), len(a))
	sums := make([]float64, workers)
	maxs := make([]float64, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := len(a)*w/workers, len(a)*(w+1)/workers
			var sum, mx float64
			for _, p := range a[lo:hi] {
				d := math.Sqrt(tree.nearest(p))
				sum += d
				mx = math.Max(mx, d)
			}
			sums[w], maxs[w] = sum, mx
		}()
	}
	wg.Wait()
	var sum float64
	for w := range sums {
		sum += sums[w]
		worst = math.Max(worst, maxs[w])
	}
	return sum / float64(len(a)), worst
}
