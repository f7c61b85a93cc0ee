package raster

import (
	"math"
	"testing"
)

func TestClipPolygon(t *testing.T) {
	t.Parallel()
	v := &view{gx: 1, gy: 1}
	c := func(x, y, z float64) cvert { return cvert{x: x, y: y, z: z, r: z} }
	tests := []struct {
		name  string
		tri   [3]cvert
		oc    uint32
		verts int
	}{
		{"inside", [3]cvert{c(0, 0, 1), c(0.1, 0, 1), c(0, 0.1, 1)}, 0, 3},
		{"one vertex behind", [3]cvert{c(0, 0, -1), c(0.1, 0, 1), c(0, 0.1, 1)}, ocNear, 4},
		{"two vertices behind", [3]cvert{c(0, 0, -1), c(0.1, 0, -1), c(0, 0.1, 1)}, ocNear, 3},
		{"all behind", [3]cvert{c(0, 0, -1), c(0.1, 0, -1), c(0, 0.1, -2)}, ocNear, 0},
		{"across right guard", [3]cvert{c(0, 0, 1), c(3, 0, 1), c(0, 0.5, 1)}, ocRight, 4},
		{"across every guard", [3]cvert{c(-5, -5, 2), c(5, -5, 2), c(0, 5, 2)}, ocClip, 6},
		{"misses the frustum", [3]cvert{c(-5, -5, 1), c(5, -5, 1), c(0, 5, -1)}, ocClip, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf [2][maxPoly]cvert
			poly := v.clipPolygon(tc.tri, tc.oc, &buf)
			if tc.verts == 0 {
				if len(poly) >= 3 {
					t.Fatalf("%d vertices left, want none", len(poly))
				}
				return
			}
			if len(poly) != tc.verts {
				t.Fatalf("%d vertices, want %d", len(poly), tc.verts)
			}
			for _, p := range poly {
				for bit := ocNear; bit <= ocTop; bit <<= 1 {
					if tc.oc&bit != 0 && v.dist(bit, &p) < -1e-12 {
						t.Fatalf("vertex %+v outside plane %d", p, bit)
					}
				}
				if math.Abs(p.r-p.z) > 1e-12 {
					t.Fatalf("attribute %g not interpolated with z %g", p.r, p.z)
				}
			}
		})
	}
}
