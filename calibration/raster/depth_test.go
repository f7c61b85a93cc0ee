package raster

import (
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
)

// TestPlaneDepth checks that the depth of a plane equals the ray-plane
// intersection at every covered pixel, to float32 precision, including a
// floor that reaches behind the camera and must be clipped.
func TestPlaneDepth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		eye, at    [3]float64
		o, u, v    [3]float64 // the quad: o + s u + t v
		n          int
		minCovered float64 // fraction of the image that must be covered
	}{
		{"fronto-parallel", [3]float64{0, 1, 3}, [3]float64{0, 1, 0},
			[3]float64{-4, -2, 0}, [3]float64{8, 0, 0}, [3]float64{0, 6, 0}, 1, 1},
		{"slanted", [3]float64{0.3, 1.1, 2.5}, [3]float64{0, 1, 0},
			[3]float64{-0.8, 0.4, -0.6}, [3]float64{1.5, 0.2, 0.9}, [3]float64{0.1, 1.2, -0.5}, 3, 0.15},
		{"floor-behind-camera", [3]float64{0, 1.5, 0}, [3]float64{0, 0.8, -3},
			[3]float64{-10, 0, -10}, [3]float64{0, 0, 20}, [3]float64{20, 0, 0}, 2, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const w, h = 200, 150
			cam := testCamera(t, w, h, 180, tc.eye, tc.at, rig.Distortion{})
			m, _ := gridQuad(tc.o, tc.u, tc.v, tc.n)
			dst := NewTarget(w, h)
			if err := NewRenderer(3).Render(dst, cam, []Surface{{Mesh: m}}, Options{}); err != nil {
				t.Fatal(err)
			}
			nrm := cross(tc.u, tc.v)
			covered, bad := 0, 0
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					i := y*w + x
					got := dst.Depth[i]
					if math.IsInf(float64(got), 1) {
						continue
					}
					covered++
					o, d := cam.Ray([2]float64{float64(x), float64(y)})
					s := dot(nrm, sub(tc.o, o)) / dot(nrm, d)
					p := [3]float64{o[0] + s*d[0], o[1] + s*d[1], o[2] + s*d[2]}
					want := cam.WorldToCamera(p)[2]
					if rel := math.Abs(float64(got)-want) / want; !(rel <= 1e-6) {
						bad++
						if bad <= 5 {
							t.Errorf("pixel (%d,%d): depth %.9g, ray-plane %.9g (relative error %.2g)", x, y, got, want, rel)
						}
					}
				}
			}
			if f := float64(covered) / (w * h); f < tc.minCovered {
				t.Errorf("plane covers %.3f of the image, want >= %.3f", f, tc.minCovered)
			}
			if bad > 0 {
				t.Errorf("%d of %d covered pixels have a wrong depth", bad, covered)
			}
		})
	}
}

func sub(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func dot(a, b [3]float64) float64    { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
