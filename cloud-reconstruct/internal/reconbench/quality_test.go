package reconbench

import (
	"math"
	"math/rand/v2"
	"testing"

	"cloudme.dev/calibration/metrics"
)

func TestNearestMatchesBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([][3]float64, 500)
	for i := range pts {
		pts[i] = [3]float64{rng.Float64(), rng.Float64() * 2, rng.Float64() * 0.1}
	}
	qs := make([][3]float64, 200)
	for i := range qs {
		qs[i] = [3]float64{rng.Float64()*1.4 - 0.2, rng.Float64() * 2, rng.Float64()}
	}
	got := nearest(pts, qs)
	for i, q := range qs {
		best, bi := math.Inf(1), -1
		for j, p := range pts {
			d := (p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2])
			if d < best {
				best, bi = d, j
			}
		}
		if got[i] != bi {
			t.Fatalf("query %d: nearest %d, want %d", i, got[i], bi)
		}
	}
	if r := nearest(nil, qs[:1]); r[0] != -1 {
		t.Fatal("no points must give -1")
	}
}

func TestLatticeIoU(t *testing.T) {
	t.Parallel()
	a := metrics.Box{Lo: [3]float64{0, 0, 0}, Hi: [3]float64{1, 1, 1}}
	b := metrics.Box{Lo: [3]float64{0.5, 0, 0}, Hi: [3]float64{1.5, 1, 1}}
	iou, err := latticeIoU(a, b, [3]float64{-0.1, -0.1, -0.1}, [3]float64{1.6, 1.1, 1.1}, 0.01, 200000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(iou-1.0/3) > 0.01 {
		t.Fatalf("IoU %g, want 1/3", iou)
	}
	if _, err := latticeIoU(a, b, [3]float64{0, 0, 0}, [3]float64{0.001, 1, 1}, 0.01, 10, 1); err == nil {
		t.Fatal("empty lattice accepted")
	}
}
