package rig

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestProjectRayRoundTrip: a pixel's ray, followed to some depth, projects
// back onto the pixel, and a world point lies on the ray through its pixel.
func TestProjectRayRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range []Camera{chessboardCamera(), wideCamera()} {
		for i := 0; i < 500; i++ {
			px := [2]float64{rng.Float64()*float64(c.Width) - 0.5, rng.Float64()*float64(c.Height) - 0.5}
			o, d := c.Ray(px)
			if math.Abs(norm3(d)-1) > 1e-12 {
				t.Fatalf("ray direction not unit: %g", norm3(d))
			}
			s := 0.5 + 4*rng.Float64()
			w := [3]float64{o[0] + s*d[0], o[1] + s*d[1], o[2] + s*d[2]}
			back, depth := c.Project(w)
			if depth <= 0 {
				t.Fatalf("%s: point on the ray of %v is behind the camera", c.Name, px)
			}
			if e := dist2(back, px); e > 1e-6 {
				t.Fatalf("%s: pixel %v re-projects to %v (%g px off)", c.Name, px, back, e)
			}
		}
	}
}

func TestProjectKnownPoint(t *testing.T) {
	t.Parallel()
	// Camera at (0, 1.5, 3) looking towards -Z, as in the package example.
	c := Camera{Width: 1920, Height: 1080,
		K:    Intrinsics{Fx: 1400, Fy: 1400, Cx: 959.5, Cy: 539.5},
		Pose: Pose{R: [9]float64{1, 0, 0, 0, -1, 0, 0, 0, -1}, T: [3]float64{0, 1.5, 3}}}
	tests := []struct {
		name  string
		w     [3]float64
		px    [2]float64
		depth float64
	}{
		{"centre", [3]float64{0, 1.5, 0}, [2]float64{959.5, 539.5}, 3},
		{"person's left appears right", [3]float64{0.3, 1.5, 0}, [2]float64{959.5 + 140, 539.5}, 3},
		{"up appears up", [3]float64{0, 1.8, 0}, [2]float64{959.5, 539.5 - 140}, 3},
		{"closer", [3]float64{0.1, 1.5, 1}, [2]float64{959.5 + 70, 539.5}, 2},
	}
	for _, tc := range tests {
		px, depth := c.Project(tc.w)
		if math.Abs(depth-tc.depth) > 1e-12 || dist2(px, tc.px) > 1e-9 {
			t.Errorf("%s: Project(%v) = %v depth %g, want %v depth %g", tc.name, tc.w, px, depth, tc.px, tc.depth)
		}
	}
	if ctr := c.Center(); maxAbsDiff(ctr[:], []float64{0, 1.5, 3}) > 1e-15 {
		t.Errorf("Center = %v", ctr)
	}
	if _, depth := c.Project([3]float64{0, 1.5, 4}); depth >= 0 {
		t.Errorf("point behind the camera has depth %g", depth)
	}
}

func TestProjectMatchesProjection(t *testing.T) {
	t.Parallel()
	c := chessboardCamera()
	c.D = Distortion{}
	p := c.Projection()
	w := [3]float64{0.2, 1.1, -0.3}
	h := [3]float64{}
	for i := 0; i < 3; i++ {
		h[i] = p[4*i]*w[0] + p[4*i+1]*w[1] + p[4*i+2]*w[2] + p[4*i+3]
	}
	px, depth := c.Project(w)
	if dist2(px, [2]float64{h[0] / h[2], h[1] / h[2]}) > 1e-9 || math.Abs(depth-h[2]) > 1e-12 {
		t.Fatalf("Project %v depth %g, K[R|t] gives %v", px, depth, h)
	}
}

func TestInImage(t *testing.T) {
	t.Parallel()
	c := Camera{Width: 640, Height: 480}
	tests := []struct {
		px [2]float64
		in bool
	}{
		{[2]float64{0, 0}, true},
		{[2]float64{-0.5, -0.5}, true},
		{[2]float64{-0.5001, 0}, false},
		{[2]float64{639.49, 479.49}, true},
		{[2]float64{639.5, 0}, false},
		{[2]float64{0, 479.5}, false},
		{[2]float64{math.NaN(), 0}, false},
	}
	for _, tc := range tests {
		if got := c.InImage(tc.px); got != tc.in {
			t.Errorf("InImage(%v) = %v, want %v", tc.px, got, tc.in)
		}
	}
}

func BenchmarkProject(b *testing.B) {
	c := chessboardCamera()
	pts := make([][3]float64, 1024)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range pts {
		pts[i] = [3]float64{rng.Float64() - 0.5, 0.5 + rng.Float64(), rng.Float64() - 0.5}
	}
	n := 0
	var sink float64
	for b.Loop() {
		for _, p := range pts {
			px, _ := c.Project(p)
			sink += px[0]
		}
		n += len(pts)
	}
	_ = sink
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/point")
}
