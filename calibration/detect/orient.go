package detect

import (
	"math"

	"gocv.io/x/gocv"
)

// Orient puts detected corners in the board's canonical order. OpenCV may
// return the corners of the same board starting from either end (a 180°
// turn of the order); for a board whose outer corner squares differ in
// colour (Cols+Rows odd, e.g. 9×6), the canonical order starts at the
// corner whose outer diagonal square is black. Boards with Cols+Rows even
// look the same turned by 180°; their corners are returned unchanged and
// multi-camera calibration should not use them.
func Orient(gray gocv.Mat, c [][2]float64, cols, rows int) [][2]float64 {
	if (cols+rows)%2 == 0 || len(c) != cols*rows {
		return c
	}
	outer, side := squareSamples(c, cols)
	a, ok1 := meanAt(gray, outer)
	b, ok2 := meanAt(gray, side)
	if !ok1 || !ok2 || a <= b {
		return c
	}
	out := make([][2]float64, len(c))
	for i := range c {
		out[i] = c[len(c)-1-i]
	}
	return out
}

// squareSamples returns the centre of the square diagonally outside corner
// 0 and of its neighbour along the first row (the other colour).
func squareSamples(c [][2]float64, cols int) (outer, side [2]float64) {
	dx := [2]float64{c[1][0] - c[0][0], c[1][1] - c[0][1]}
	dy := [2]float64{c[cols][0] - c[0][0], c[cols][1] - c[0][1]}
	outer = [2]float64{c[0][0] - 0.5*dx[0] - 0.5*dy[0], c[0][1] - 0.5*dx[1] - 0.5*dy[1]}
	side = [2]float64{c[0][0] + 0.5*dx[0] - 0.5*dy[0], c[0][1] + 0.5*dx[1] - 0.5*dy[1]}
	return outer, side
}

// meanAt averages a 3×3 patch of an 8-bit single-channel image.
func meanAt(gray gocv.Mat, p [2]float64) (float64, bool) {
	x, y := int(math.Round(p[0])), int(math.Round(p[1]))
	if x < 1 || y < 1 || x >= gray.Cols()-1 || y >= gray.Rows()-1 {
		return 0, false
	}
	s := 0.0
	for j := -1; j <= 1; j++ {
		for i := -1; i <= 1; i++ {
			s += float64(gray.GetUCharAt(y+j, x+i))
		}
	}
	return s / 9, true
}
