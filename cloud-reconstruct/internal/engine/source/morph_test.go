package source

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bruteSq is the squared distance to the nearest target pixel by search.
func bruteSq(w, h int, pix []uint8, x, y int) float64 {
	best := math.Inf(1)
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			if pix[j*w+i] != 0 {
				d := float64((i-x)*(i-x) + (j-y)*(j-y))
				best = math.Min(best, d)
			}
		}
	}
	return best
}

func TestSqDistanceMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ w, h int }{{1, 1}, {7, 3}, {20, 17}, {33, 9}} {
		rng := rand.New(rand.NewPCG(uint64(tc.w), uint64(tc.h)))
		pix := make([]uint8, tc.w*tc.h)
		for i := range pix {
			if rng.Float64() < 0.05 {
				pix[i] = 255
			}
		}
		pix[rng.IntN(len(pix))] = 255
		d := sqDistance(tc.w, tc.h, func(i int) bool { return pix[i] != 0 })
		for y := 0; y < tc.h; y++ {
			for x := 0; x < tc.w; x++ {
				if want := bruteSq(tc.w, tc.h, pix, x, y); d[y*tc.w+x] != want {
					t.Fatalf("%dx%d at (%d,%d): %g, want %g", tc.w, tc.h, x, y, d[y*tc.w+x], want)
				}
			}
		}
	}
}

func TestDilateErode(t *testing.T) {
	t.Parallel()
	const w, h = 40, 40
	pix := make([]uint8, w*h)
	pix[20*w+20] = 255
	dilate(pix, w, h, 5)
	count := 0
	for _, p := range pix {
		if p != 0 {
			count++
		}
	}
	// Lattice points in a disc of radius 5: 81.
	if count != 81 {
		t.Fatalf("dilating a point by 5 px covers %d pixels, want 81", count)
	}
	erode(pix, w, h, 5)
	count = 0
	for _, p := range pix {
		if p != 0 {
			count++
		}
	}
	if count != 1 || pix[20*w+20] == 0 {
		t.Fatalf("eroding back leaves %d pixels", count)
	}
	before := append([]uint8(nil), pix...)
	dilate(pix, w, h, 0)
	erode(pix, w, h, 0)
	for i := range pix {
		if pix[i] != before[i] {
			t.Fatal("radius 0 changed the mask")
		}
	}
}
