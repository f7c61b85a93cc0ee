package metrics

import (
	"math"
	"math/rand"
	"testing"
)

func TestKDTreeMatchesBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(4))
	for _, n := range []int{1, 2, 7, 100, 1000} {
		pts := make([][3]float64, n)
		for i := range pts {
			pts[i] = [3]float64{rng.Float64(), rng.Float64(), rng.Float64()}
			if i%5 == 0 && i > 0 {
				pts[i][0] = pts[i-1][0] // ties on the split axis
			}
		}
		tree := newKDTree(pts)
		for q := 0; q < 300; q++ {
			p := [3]float64{rng.Float64()*1.4 - 0.2, rng.Float64()*1.4 - 0.2, rng.Float64()*1.4 - 0.2}
			want := math.Inf(1)
			for _, o := range pts {
				d := (o[0]-p[0])*(o[0]-p[0]) + (o[1]-p[1])*(o[1]-p[1]) + (o[2]-p[2])*(o[2]-p[2])
				want = math.Min(want, d)
			}
			if got := tree.nearest(p); got != want {
				t.Fatalf("n=%d: nearest %g, brute force %g", n, got, want)
			}
		}
	}
}

func TestSurfaceDistances(t *testing.T) {
	t.Parallel()
	t.Run("concentric spheres", func(t *testing.T) {
		t.Parallel()
		a := SampleSurface(uvSphere([3]float64{0, 1, 0}, 0.5, 64, 128), 30000, 1)
		b := SampleSurface(uvSphere([3]float64{0, 1, 0}, 0.6, 64, 128), 30000, 2)
		d := SurfaceDistances(a, b)
		if math.Abs(d.Chamfer-0.1) > 0.003 || math.Abs(d.MeanAB-0.1) > 0.003 || math.Abs(d.MeanBA-0.1) > 0.003 {
			t.Fatalf("%+v, want means and Chamfer 0.1", d)
		}
		if d.Chamfer != (d.MeanAB+d.MeanBA)/2 {
			t.Fatalf("Chamfer %g is not the mean of %g and %g", d.Chamfer, d.MeanAB, d.MeanBA)
		}
		if d.Hausdorff < 0.1 || d.Hausdorff > 0.12 {
			t.Fatalf("Hausdorff %g, want about 0.1", d.Hausdorff)
		}
	})
	t.Run("box with a bump", func(t *testing.T) {
		t.Parallel()
		const h = 0.2
		lo, hi := [3]float64{-0.5, 0, -0.5}, [3]float64{0.5, 1, 0.5}
		plain := SampleSurface(boxMesh(lo, hi, 4, 0), 60000, 1)
		bumped := SampleSurface(boxMesh(lo, hi, 4, h), 60000, 2)
		d := SurfaceDistances(plain, bumped)
		// The bump's apex is h above the top face; the samples near it
		// fall short of it by about the sample spacing (~7 mm).
		if d.HausdorffBA > h+1e-9 || d.HausdorffBA < h-0.02 {
			t.Fatalf("HausdorffBA %g, want about %g", d.HausdorffBA, h)
		}
		// Under the bump, the top face's centre is nearest to the tent's
		// two triangles whose base is a cell diagonal, 0.25/√2 away in
		// the face: the distance to their plane is h d / hypot(h, d).
		dl := 0.25 / math.Sqrt2
		under := h * dl / math.Hypot(h, dl)
		if d.HausdorffAB > under+1e-9 || d.HausdorffAB < under-0.02 {
			t.Fatalf("HausdorffAB %g, want about %g", d.HausdorffAB, under)
		}
		if d.Hausdorff != d.HausdorffBA {
			t.Fatalf("Hausdorff %g, want max of the directed ones", d.Hausdorff)
		}
	})
	t.Run("identical", func(t *testing.T) {
		t.Parallel()
		a := SampleSurface(uvSphere([3]float64{}, 1, 8, 16), 500, 1)
		if d := SurfaceDistances(a, a); d != (Distances{}) {
			t.Fatalf("%+v, want zeros", d)
		}
	})
	t.Run("empty sets", func(t *testing.T) {
		t.Parallel()
		if d := SurfaceDistances(nil, nil); d != (Distances{}) {
			t.Fatalf("both empty: %+v", d)
		}
		d := SurfaceDistances([][3]float64{{0, 0, 0}}, nil)
		if !math.IsInf(d.Chamfer, 1) || !math.IsInf(d.Hausdorff, 1) {
			t.Fatalf("one empty: %+v", d)
		}
	})
}
