package reconbench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/mesh"
)

// IdealHull is the exact visual hull of the masks of a frame set's views
// (at whatever scale the engine got them): a point is inside when every
// camera that sees it (in front, inside its full image) has an inside
// mask pixel there, and the point is inside the volume [Lo, Hi]. The
// point's projection (distortion applied) is mapped to the mask by
// View.MaskCoord and looked up at the nearest mask pixel; a projection
// outside the view's crop is outside. Cameras without a view abstain.
type IdealHull struct {
	Views  []frameset.View
	Lo, Hi [3]float64
}

// Contains implements metrics.Solid.
func (h *IdealHull) Contains(p [3]float64) bool {
	for a := 0; a < 3; a++ {
		if p[a] < h.Lo[a] || p[a] > h.Hi[a] {
			return false
		}
	}
	for i := range h.Views {
		v := &h.Views[i]
		c := v.Camera
		px, z := c.Project(p)
		if z <= 0 {
			continue
		}
		x, y := math.Floor(px[0]+0.5), math.Floor(px[1]+0.5)
		if x < 0 || y < 0 || x >= float64(c.Width) || y >= float64(c.Height) {
			continue
		}
		mx, my := v.MaskCoord(px[0], px[1])
		i, j := math.Floor(mx+0.5), math.Floor(my+0.5)
		if i < 0 || j < 0 || i >= float64(v.Mask.Width) || j >= float64(v.Mask.Height) {
			return false
		}
		if v.Mask.Pix[int(j)*v.Mask.Width+int(i)] == 0 {
			return false
		}
	}
	return true
}

// latticeIoU compares two solids on n random points of the lattice of
// spacing step filling [lo, hi]: |A∩B| / |A∪B|.
func latticeIoU(a, b metrics.Solid, lo, hi [3]float64, step float64, n int, seed uint64) (float64, error) {
	var dims [3]int
	for k := 0; k < 3; k++ {
		dims[k] = int(math.Floor((hi[k] - lo[k]) / step))
		if dims[k] < 1 {
			return 0, fmt.Errorf("lattice box %v-%v holds no point", lo, hi)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	inter := make([]int, workers)
	union := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for i := w; i < n; i += workers {
				var p [3]float64
				for k := 0; k < 3; k++ {
					p[k] = lo[k] + (float64(rng.IntN(dims[k]))+0.5)*step
				}
				ia, ib := a.Contains(p), b.Contains(p)
				if ia && ib {
					inter[w]++
				}
				if ia || ib {
					union[w]++
				}
			}
		}()
	}
	wg.Wait()
	ni, nu := 0, 0
	for w := range inter {
		ni += inter[w]
		nu += union[w]
	}
	if nu == 0 {
		return 1, nil
	}
	return float64(ni) / float64(nu), nil
}

// latticeSamples draws n random points of the lattice of spacing step
// filling [lo, hi] and labels them 1 where the solid holds them.
func latticeSamples(s metrics.Solid, lo, hi [3]float64, step float64, n int, seed uint64) ([][3]float64, []uint8) {
	var dims [3]int
	for k := 0; k < 3; k++ {
		dims[k] = max(1, int(math.Floor((hi[k]-lo[k])/step)))
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	pts := make([][3]float64, n)
	for i := range pts {
		for k := 0; k < 3; k++ {
			pts[i][k] = lo[k] + (float64(rng.IntN(dims[k]))+0.5)*step
		}
	}
	labels := make([]uint8, n)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if s.Contains(pts[i]) {
					labels[i] = 1
				}
			}
		}()
	}
	wg.Wait()
	return pts, labels
}

// agreed marks the true samples that some camera sees on its silhouette's
// contour: within a pixel of a mask edge, with the true depth there within
// depthTol of the sample's.
func agreed(r *rig.Rig, views []*raster.Target, pts [][3]float64) []bool {
	const depthTol = 0.01
	out := make([]bool, len(pts))
	for i, p := range pts {
		for ci := range r.Cameras {
			c := &r.Cameras[ci]
			v := views[ci]
			px, z := c.Project(p)
			if z <= 0 {
				continue
			}
			x, y := int(math.Floor(px[0]+0.5)), int(math.Floor(px[1]+0.5))
			if x < 1 || y < 1 || x >= c.Width-1 || y >= c.Height-1 {
				continue
			}
			in, outside, seen := false, false, false
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					k := (y+dy)*c.Width + x + dx
					if v.Mask[k] == 0 {
						outside = true
						continue
					}
					in = true
					if math.Abs(float64(v.Depth[k])-z) < depthTol {
						seen = true
					}
				}
			}
			if in && outside && seen {
				out[i] = true
				break
			}
		}
	}
	return out
}

// chamfer returns the agreed and the unrestricted Chamfer distances
// between true samples and samples of the reconstruction, and the share of
// true samples that are agreed.
func chamfer(r *rig.Rig, views []*raster.Target, truth [][3]float64, recon *mesh.Mesh, n int) (agreedMM, allMM, share float64) {
	rs := metrics.SampleSurface(recon, n, 1)
	all := metrics.SurfaceDistances(truth, rs)
	ok := agreed(r, views, truth)
	var ta [][3]float64
	for i, a := range ok {
		if a {
			ta = append(ta, truth[i])
		}
	}
	if len(ta) == 0 {
		return math.Inf(1), all.Chamfer * 1e3, 0
	}
	// Reconstruction samples whose nearest true sample is agreed.
	idx := nearest(truth, rs)
	var ra [][3]float64
	for i, j := range idx {
		if ok[j] {
			ra = append(ra, rs[i])
		}
	}
	d := metrics.SurfaceDistances(ta, ra)
	return d.Chamfer * 1e3, all.Chamfer * 1e3, float64(len(ta)) / float64(len(truth))
}
