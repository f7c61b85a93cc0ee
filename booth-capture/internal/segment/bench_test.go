package segment

import (
	"testing"

	"cloudme.dev/booth-capture/internal/cvx"
	"cloudme.dev/booth-capture/internal/synthbooth"
	"cloudme.dev/calibration/synth"
)

// BenchmarkSegment times one camera's Segment on the synthetic booth (the
// plate method; CPU per frame, one core). Compare runs with benchstat.
func BenchmarkSegment(b *testing.B) {
	for _, res := range []string{"1080p", "720p"} {
		b.Run(res, func(b *testing.B) {
			cvx.SetNumThreads(1)
			booth, err := synthbooth.New(synthbooth.Params{Cameras: 1, Resolution: res, Seed: 1, Background: true,
				Realism: synth.Realism{Noise: 2, Exposure: 0.05, Jitter: 0.002}})
			if err != nil {
				b.Fatal(err)
			}
			c := booth.Rig().Cameras[0]
			s, err := New(Params{}, 0, c.Width, c.Height)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			for k := 0; !s.Ready(); k++ {
				views, _, err := booth.Render(float64(k)/30, false)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Learn(views[0].Color); err != nil {
					b.Fatal(err)
				}
			}
			views, _, err := booth.Render(0.5, true)
			if err != nil {
				b.Fatal(err)
			}
			pix := views[0].Color
			b.SetBytes(int64(len(pix)))
			b.ResetTimer()
			for b.Loop() {
				if _, err := s.Segment(pix); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
