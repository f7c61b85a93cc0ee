package reconbench

import (
	"math"
	"runtime"
	"sync"
)

// nearest returns, for each query, the index of the nearest point, using
// a uniform hash grid (the points are a surface sample: their density is
// even, so a grid works as well as a tree).
func nearest(points, queries [][3]float64) []int {
	out := make([]int, len(queries))
	if len(points) == 0 {
		for i := range out {
			out[i] = -1
		}
		return out
	}
	lo, hi := points[0], points[0]
	for _, p := range points {
		for k := 0; k < 3; k++ {
			lo[k], hi[k] = math.Min(lo[k], p[k]), math.Max(hi[k], p[k])
		}
	}
	vol := 1.0
	for k := 0; k < 3; k++ {
		vol *= hi[k] - lo[k] + 1e-6
	}
	cell := math.Max(math.Cbrt(vol/float64(len(points)))*2, 1e-4)
	var dims [3]int
	for k := 0; k < 3; k++ {
		dims[k] = int((hi[k]-lo[k])/cell) + 1
	}
	key := func(p [3]float64) (int, int, int) {
		f := func(k int) int {
			v := int((p[k] - lo[k]) / cell)
			return max(0, min(v, dims[k]-1))
		}
		return f(0), f(1), f(2)
	}
	buckets := map[[3]int][]int32{}
	for i, p := range points {
		x, y, z := key(p)
		buckets[[3]int{x, y, z}] = append(buckets[[3]int{x, y, z}], int32(i))
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for qi := w; qi < len(queries); qi += workers {
				q := queries[qi]
				x, y, z := key(q)
				best, bi := math.Inf(1), -1
				for ring := 0; ; ring++ {
					for dz := -ring; dz <= ring; dz++ {
						for dy := -ring; dy <= ring; dy++ {
							for dx := -ring; dx <= ring; dx++ {
								if max(abs(dx), abs(dy), abs(dz)) != ring {
									continue
								}
								for _, i := range buckets[[3]int{x + dx, y + dy, z + dz}] {
									p := points[i]
									d := (p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2])
									if d < best {
										best, bi = d, int(i)
									}
								}
							}
						}
					}
					// Points beyond this ring are at least ring*cell away.
					if bi >= 0 && math.Sqrt(best) <= float64(ring)*cell {
						break
					}
					if ring > dims[0]+dims[1]+dims[2] {
						break
					}
				}
				out[qi] = bi
			}
		}()
	}
	wg.Wait()
	return out
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
