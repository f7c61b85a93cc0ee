package audio

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/synth"
)

// WavePeaks says when the synthetic person's waving hand is highest:
// at First + k·Period seconds of the motion, k = 0, 1, ...
type WavePeaks struct {
	First, Period float64
}

// FindWavePeaks finds the peaks of the "waving" motion of the synthetic
// person with this seed. The animation (synth: shoulder abduction
// 0.5-0.5·cos(2πt/WavePeriod) with a 1.5 Hz forearm sway, both periodic in
// WavePeriod) raises the hand highest near WavePeriod/2 of each period;
// the exact instant is found on the posed body (its highest point) by a
// 5 ms scan of ±0.3 s around it refined by golden-section search to
// 10 µs.
func FindWavePeaks(seed int64) (WavePeaks, error) {
	p, err := synth.NewPerson(synth.PersonParams{Seed: seed, Motion: synth.Waving})
	if err != nil {
		return WavePeaks{}, fmt.Errorf("wave peaks: %w", err)
	}
	top := func(t float64) float64 {
		_, hi := p.Pose(t).Bounds()
		return hi[1]
	}
	mid := synth.WavePeriod / 2
	best, bestY := mid, math.Inf(-1)
	for t := mid - 0.3; t <= mid+0.3; t += 0.005 {
		if y := top(t); y > bestY {
			best, bestY = t, y
		}
	}
	lo, hi := best-0.005, best+0.005
	g := (math.Sqrt(5) - 1) / 2
	a, b := hi-g*(hi-lo), lo+g*(hi-lo)
	fa, fb := top(a), top(b)
	for hi-lo > 1e-5 {
		if fa > fb {
			hi, b, fb = b, a, fa
			a = hi - g*(hi-lo)
			fa = top(a)
		} else {
			lo, a, fa = a, b, fb
			b = lo + g*(hi-lo)
			fb = top(b)
		}
	}
	return WavePeaks{First: (lo + hi) / 2, Period: synth.WavePeriod}, nil
}

// Nearest returns the peak nearest t (seconds of the motion).
func (w WavePeaks) Nearest(t float64) float64 {
	k := math.Round((t - w.First) / w.Period)
	return w.First + k*w.Period
}

// PeakClicker schedules a click at each wave peak, on the capture clock,
// from the synthetic booth's rendered instants.
type PeakClicker struct {
	Peaks  WavePeaks
	Clicks *Clicks
	// FramePeriod is the video's frame period, seconds.
	FramePeriod float64
}

// OnInstant is told that the synthetic booth rendered motion time
// motionS (seconds) and stamped it captureNs. When that frame is the one
// nearest a peak, the click goes at the peak's instant on the capture
// clock: captureNs + (peak - motionS). A peak whose nearest frame was
// skipped gets no click.
func (pc *PeakClicker) OnInstant(motionS float64, captureNs int64) {
	peak := pc.Peaks.Nearest(motionS)
	d := peak - motionS
	if math.Abs(d) > pc.FramePeriod/2 {
		return
	}
	pc.Clicks.Add(captureNs + int64(math.Round(d*1e9)))
}
