package audio

import (
	"testing"

	"cloudme.dev/calibration/synth"
)

// The peak instants really are the hand's highest points: the top of the
// posed mesh (every vertex, not the bounding boxes the search used) is
// lower a little before and after, it is on the waving (right, -X) side
// and above the head, and each period repeats it.
func TestWavePeaksAreTheHandsHighestPoints(t *testing.T) {
	t.Parallel()
	const seed = 7
	w, err := FindWavePeaks(seed)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first peak at %.5f s of the motion", w.First)
	p, err := synth.NewPerson(synth.PersonParams{Seed: seed, Motion: synth.Waving})
	if err != nil {
		t.Fatal(err)
	}
	topVertex := func(at float64) (x, y float64) {
		m := p.Pose(at).Mesh()
		y = -1
		for i := 1; i < len(m.Positions); i += 3 {
			if v := float64(m.Positions[i]); v > y {
				x, y = float64(m.Positions[i-1]), v
			}
		}
		return x, y
	}
	for k := range 3 {
		peak := w.First + float64(k)*w.Period
		x, y := topVertex(peak)
		if x > -0.1 {
			t.Errorf("peak %d: the highest vertex is at x=%.3f, not on the right (waving) side", k, x)
		}
		if y < p.Height()+0.05 {
			t.Errorf("peak %d: highest point %.3f m, not above the head (%.3f m)", k, y, p.Height())
		}
		for _, d := range []float64{-0.2, -0.05, -0.01, 0.01, 0.05, 0.2} {
			if _, yd := topVertex(peak + d); yd >= y {
				t.Errorf("peak %d at %.4f s: %+.2f s later the hand is as high or higher (%.5f >= %.5f)", k, peak, d, yd, y)
			}
		}
	}
}

func TestPeakClickerPicksTheFrameNearestEachPeak(t *testing.T) {
	t.Parallel()
	w := WavePeaks{First: 2.0004, Period: 4}
	c := &Clicks{}
	pc := &PeakClicker{Peaks: w, Clicks: c, FramePeriod: 0.2}
	// Frames at 5 fps, each stamped 1e9 ns plus its motion time plus 37 ms
	// of render.
	for k := range 50 {
		s := float64(k) * 0.2
		pc.OnInstant(s, 1e9+int64(s*1e9)+37e6)
	}
	got := c.take(0, 1<<62)
	want := []int64{1e9 + 2_000_400_000 + 37e6, 1e9 + 6_000_400_000 + 37e6}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("clicks %v, want %v", got, want)
	}
}
