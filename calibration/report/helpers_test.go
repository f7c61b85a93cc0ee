package report

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// testSession builds an intrinsics-like session: each camera sees the board
// in `views` views spread over a given fraction of the image around its
// centre, with residuals of the given RMS.
func testSession(kind string, cams, views int, spread []float64, rms []float64) *Session {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &Session{Version: SessionVersion, Kind: kind, Board: Board{Cols: 4, Rows: 3, Square: 0.05}}
	for c := 0; c < cams; c++ {
		s.Cameras = append(s.Cameras, Camera{ID: c, Name: fmt.Sprintf("cam%02d", c), Width: 1600, Height: 1200, RMS: rms[c]})
		for v := 0; v < views; v++ {
			o := Observation{Camera: c, View: fmt.Sprintf("view%03d", v), RMS: rms[c]}
			cx := 800 + spread[c]*800*(2*rng.Float64()-1)
			cy := 600 + spread[c]*600*(2*rng.Float64()-1)
			for r := 0; r < 3; r++ {
				for k := 0; k < 4; k++ {
					o.Corners = append(o.Corners, [2]float64{cx + float64(k-2)*20, cy + float64(r-1)*20})
					a := rng.Float64() * 2 * math.Pi
					o.Residuals = append(o.Residuals, [2]float64{rms[c] * math.Cos(a), rms[c] * math.Sin(a)})
				}
			}
			s.Observations = append(s.Observations, o)
		}
	}
	return s
}
