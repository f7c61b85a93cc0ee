package synth

import "testing"

func TestQuantile(t *testing.T) {
	t.Parallel()
	xs := []float64{5, 1, 4, 2, 3}
	for _, tc := range []struct{ q, want float64 }{{0, 1}, {0.5, 3}, {0.99, 5}, {1, 5}} {
		if got := quantile(xs, tc.q); got != tc.want {
			t.Errorf("quantile %g = %g, want %g", tc.q, got, tc.want)
		}
	}
}

func TestRunBenchReports(t *testing.T) {
	t.Parallel()
	r, err := RunBench(BenchCase{Name: "tiny", Cameras: 1, Resolution: "720p", Frames: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Bench != "tiny" || r.Width != 1280 || r.Height != 720 || r.Triangles == 0 || !(r.RenderP50MS > 0) || !(r.PixelsPerS > 0) {
		t.Errorf("result %+v", r)
	}
	if _, err := RunBench(BenchCase{Cameras: 1, Frames: 0}); err == nil {
		t.Error("zero frames accepted")
	}
}

// BenchmarkRender8x1080p renders the person (no background) from 8 cameras
// at 1080p; ms/frame is the figure that matters.
func BenchmarkRender8x1080p(b *testing.B) {
	r, _ := GenerateRig(RigParams{Cameras: 8, Resolution: "1080p"})
	p, _ := NewPerson(PersonParams{Seed: 1, Motion: Tour})
	booth := &Booth{Rig: r, Subject: p}
	views := NewTargets(r)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := booth.Render(float64(i)*0.1, views); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/frame")
}

// BenchmarkPose poses and transforms the default person.
func BenchmarkPose(b *testing.B) {
	p, _ := NewPerson(PersonParams{Seed: 1, Motion: Tour})
	for i := 0; i < b.N; i++ {
		p.Pose(float64(i) * 0.01)
	}
}
