package report

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// WritePlots draws the session's figures into dir and returns their paths:
// camera_rms.png (per-camera RMS against the thresholds), and per camera
// coverage_camNN.png (where the corners fell: a heat map of the coverage
// grid with every corner on top), residuals_camNN.png (every corner's
// residual vector) and view_rms_camNN.png (RMS of each view).
func WritePlots(s *Session, v *Verdict, dir string) ([]string, error) {
	var out []string
	save := func(p *plot.Plot, w, h vg.Length, name string) error {
		path := filepath.Join(dir, name)
		if err := p.Save(w, h, path); err != nil {
			return fmt.Errorf("%s: %v: %w", path, err, ErrPlot)
		}
		out = append(out, path)
		return nil
	}
	p, err := cameraRMSPlot(v)
	if err != nil {
		return nil, err
	}
	if err := save(p, 8*vg.Inch, 4*vg.Inch, "camera_rms.png"); err != nil {
		return nil, err
	}
	for i := range v.Cameras {
		cs := &v.Cameras[i]
		var obs []Observation
		for _, o := range s.Observations {
			if o.Camera == cs.ID && o.Rejected == "" {
				obs = append(obs, o)
			}
		}
		tag := fmt.Sprintf("cam%02d", cs.ID)
		cp, err := coveragePlot(cs, obs)
		if err != nil {
			return nil, err
		}
		aspect := float64(cs.height) / float64(cs.width)
		if err := save(cp, 8*vg.Inch, vg.Length(8*aspect+0.8)*vg.Inch, "coverage_"+tag+".png"); err != nil {
			return nil, err
		}
		if len(obs) == 0 {
			continue
		}
		rp, err := residualPlot(cs, obs)
		if err != nil {
			return nil, err
		}
		if err := save(rp, 5*vg.Inch, 5*vg.Inch, "residuals_"+tag+".png"); err != nil {
			return nil, err
		}
		vp, err := viewRMSPlot(cs, obs, v.Thresholds)
		if err != nil {
			return nil, err
		}
		if err := save(vp, 8*vg.Inch, 4*vg.Inch, "view_rms_"+tag+".png"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func cameraRMSPlot(v *Verdict) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: reprojection RMS per camera", v.Kind)
	p.Y.Label.Text = "RMS (px)"
	vals := make(plotter.Values, len(v.Cameras))
	names := make([]string, len(v.Cameras))
	for i, c := range v.Cameras {
		vals[i] = math.Max(0, c.RMS)
		names[i] = fmt.Sprintf("%d", c.ID)
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(14))
	if err != nil {
		return nil, fmt.Errorf("camera RMS bars: %v: %w", err, ErrPlot)
	}
	bars.Color = color.RGBA{R: 60, G: 110, B: 190, A: 255}
	p.Add(bars)
	p.NominalX(names...)
	p.X.Label.Text = "camera"
	addLimit(p, v.Thresholds.GoodRMS, len(v.Cameras), color.RGBA{R: 230, G: 160, A: 255})
	addLimit(p, v.Thresholds.BadRMS, len(v.Cameras), color.RGBA{R: 220, A: 255})
	return p, nil
}

// addLimit draws a horizontal threshold line across n nominal positions.
func addLimit(p *plot.Plot, y float64, n int, c color.Color) {
	l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: y}, {X: float64(n) - 0.5, Y: y}})
	if err != nil {
		return
	}
	l.Color = c
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(l)
}

// coverageGrid adapts the coverage counts to plotter.GridXYZ (image
// coordinates, y down, drawn flipped so the picture is upright).
type coverageGrid struct {
	g    *[GridRows][GridCols]int
	w, h float64
}

func (c coverageGrid) Dims() (int, int)       { return GridCols, GridRows }
func (c coverageGrid) Z(col, row int) float64 { return float64(c.g[GridRows-1-row][col]) }
func (c coverageGrid) X(col int) float64      { return (float64(col) + 0.5) * c.w / GridCols }
func (c coverageGrid) Y(row int) float64      { return -(float64(GridRows-1-row) + 0.5) * c.h / GridRows }

func coveragePlot(cs *CameraStats, obs []Observation) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: corner coverage, %d views (%.0f%% of cells, %.0f%% of border)", cs.Label(), len(obs), 100*cs.Coverage, 100*cs.EdgeCoverage)
	p.X.Label.Text = "x (px)"
	p.Y.Label.Text = "-y (px)"
	hm := plotter.NewHeatMap(coverageGrid{g: &cs.Grid, w: float64(cs.width), h: float64(cs.height)}, heatPalette{})
	p.Add(hm)
	var pts plotter.XYs
	for _, o := range obs {
		for _, c := range o.Corners {
			pts = append(pts, plotter.XY{X: c[0], Y: -c[1]})
		}
	}
	if len(pts) > 0 {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("coverage scatter: %v: %w", err, ErrPlot)
		}
		sc.GlyphStyle.Radius = vg.Points(1)
		sc.GlyphStyle.Color = color.RGBA{R: 20, G: 20, B: 20, A: 255}
		p.Add(sc)
	}
	p.X.Min, p.X.Max = 0, float64(cs.width)
	p.Y.Min, p.Y.Max = -float64(cs.height), 0
	return p, nil
}

// heatPalette goes from white (no corner) to deep blue.
type heatPalette struct{}

func (heatPalette) Colors() []color.Color {
	var c []color.Color
	for i := 0; i < 16; i++ {
		f := float64(i) / 15
		c = append(c, color.RGBA{R: uint8(255 * (1 - 0.8*f)), G: uint8(255 * (1 - 0.6*f)), B: 255, A: 255})
	}
	c[0] = color.RGBA{R: 255, G: 235, B: 235, A: 255} // empty cells in pale red
	return c
}

func residualPlot(cs *CameraStats, obs []Observation) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: corner residuals (RMS %.3f px)", cs.Label(), cs.RMS)
	p.X.Label.Text = "dx (px)"
	p.Y.Label.Text = "dy (px)"
	var pts plotter.XYs
	lim := 0.1
	for _, o := range obs {
		for _, r := range o.Residuals {
			pts = append(pts, plotter.XY{X: r[0], Y: r[1]})
			lim = math.Max(lim, math.Max(math.Abs(r[0]), math.Abs(r[1])))
		}
	}
	if len(pts) > 0 {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("residual scatter: %v: %w", err, ErrPlot)
		}
		sc.GlyphStyle.Radius = vg.Points(1.2)
		sc.GlyphStyle.Color = color.RGBA{R: 40, G: 90, B: 180, A: 160}
		p.Add(sc)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -lim, lim, -lim, lim
	p.Add(plotter.NewGrid())
	return p, nil
}

func viewRMSPlot(cs *CameraStats, obs []Observation, th Thresholds) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: RMS per view", cs.Label())
	p.Y.Label.Text = "RMS (px)"
	vals := make(plotter.Values, len(obs))
	names := make([]string, len(obs))
	for i, o := range obs {
		vals[i] = o.RMS
		names[i] = o.View
		if len(obs) > 30 && i%(len(obs)/15) != 0 {
			names[i] = ""
		}
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(math.Max(2, math.Min(14, 400/float64(len(obs))))))
	if err != nil {
		return nil, fmt.Errorf("view RMS bars: %v: %w", err, ErrPlot)
	}
	bars.Color = color.RGBA{R: 60, G: 150, B: 90, A: 255}
	p.Add(bars)
	p.NominalX(names...)
	addLimit(p, th.GoodRMS, len(obs), color.RGBA{R: 230, G: 160, A: 255})
	return p, nil
}
