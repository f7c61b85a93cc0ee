package metrics

import (
	"fmt"
	"math"
	"runtime"
	"sync"
)

// maxCells bounds the number of grid cells VolumeIoU will sample.
const maxCells = 1 << 32

// VolumeIoU returns the intersection over union of a and b within the box
// [lo, hi], sampled at the centres of cubic cells of side cell (the box is
// tiled from lo; a last partial cell is sampled only if its centre lies
// inside the box). The work is split across GOMAXPROCS goroutines. If
// neither solid contains any sample, the IoU is 1.
func VolumeIoU(a, b Solid, lo, hi [3]float64, cell float64) (iou float64, err error) {
	if a == nil || b == nil {
		return 0, fmt.Errorf("volume IoU: %w: nil solid", ErrEmpty)
	}
	if !(cell > 0) || math.IsInf(cell, 0) {
		return 0, fmt.Errorf("volume IoU: %w: cell size %g", ErrGrid, cell)
	}
	var n [3]int
	total := 1.0
	for k := 0; k < 3; k++ {
		ext := hi[k] - lo[k]
		if !(ext > 0) || math.IsInf(ext, 0) {
			return 0, fmt.Errorf("volume IoU: %w: box from %v to %v", ErrGrid, lo, hi)
		}
		c := math.Floor(ext/cell + 0.5) // cells whose centre is inside
		total *= c
		if total > maxCells {
			return 0, fmt.Errorf("volume IoU: %w: more than %d cells", ErrGrid, int64(maxCells))
		}
		n[k] = int(c)
	}
	if total == 0 {
		return 0, fmt.Errorf("volume IoU: %w: box %v to %v holds no cell of %g", ErrGrid, lo, hi, cell)
	}
	workers := min(runtime.GOMAXPROCS(0), n[2])
	inter := make([]int64, workers)
	union := make([]int64, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var in, un int64
			for k := w; k < n[2]; k += workers {
				z := lo[2] + (float64(k)+0.5)*cell
				for j := 0; j < n[1]; j++ {
					y := lo[1] + (float64(j)+0.5)*cell
					for i := 0; i < n[0]; i++ {
						p := [3]float64{lo[0] + (float64(i)+0.5)*cell, y, z}
						ia, ib := a.Contains(p), b.Contains(p)
						if ia && ib {
							in++
						}
						if ia || ib {
							un++
						}
					}
				}
			}
			inter[w], union[w] = in, un
		}()
	}
	wg.Wait()
	var in, un int64
	for w := range inter {
		in += inter[w]
		un += union[w]
	}
	if un == 0 {
		return 1, nil
	}
	return float64(in) / float64(un), nil
}
