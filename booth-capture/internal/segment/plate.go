package segment

import (
	"math"

	"cloudme.dev/booth-capture/internal/cvx"
)

// plate accumulates empty frames (YCrCb, work size) and turns them into
// the per-pixel mean and thresholds the difference test uses.
type plate struct {
	n          int
	sum, sumSq []float32 // 3 per pixel

	// Per pixel: the YCrCb mean (3 bytes) and the thresholds. Darker by
	// more than max(tBright, tShadow) is foreground (cvx.Plate).
	mean    []uint8
	tBright []uint8 // brighter by more than this is foreground
	tChroma []uint8 // |dCr|+|dCb| above this is foreground
	tShadow []uint8 // the darkening a shadow explains
	ready   bool
	// cvx is the plate as cvx.PlateDiff reads it.
	cvx cvx.Plate
}

func (pl *plate) reset() {
	pl.n = 0
	pl.ready = false
	clear(pl.sum)
	clear(pl.sumSq)
}

// moved reports whether more than fraction of the pixels of a YCrCb work
// image differ in luma by more than limit from the mean of the frames
// accumulated so far (false before the first).
func (pl *plate) moved(ycc []uint8, limit, fraction float64) bool {
	if pl.n == 0 || len(pl.sum) != len(ycc) {
		return false
	}
	inv := 1 / float32(pl.n)
	lim := float32(limit)
	allowed := int(fraction * float64(len(ycc)/3))
	changed := 0
	for i := 0; i+2 < len(ycc); i += 3 {
		if d := float32(ycc[i]) - pl.sum[i]*inv; d > lim || d < -lim {
			if changed++; changed > allowed {
				return true
			}
		}
	}
	return false
}

// add accumulates one YCrCb work image.
func (pl *plate) add(ycc []uint8) {
	if len(pl.sum) != len(ycc) {
		pl.sum = make([]float32, len(ycc))
		pl.sumSq = make([]float32, len(ycc))
	}
	for i, v := range ycc {
		f := float32(v)
		pl.sum[i] += f
		pl.sumSq[i] += f * f
	}
	pl.n++
}

// build computes the plate images from the accumulated frames.
func (pl *plate) build(p Params, w, h int) {
	mean, tBright, tChroma, tShadow := pl.mean, pl.tBright, pl.tChroma, pl.tShadow
	inv := 1 / float32(pl.n)
	sd := func(i int) (mu, sigma float32) {
		mu = pl.sum[i] * inv
		v := pl.sumSq[i]*inv - mu*mu
		if v < 0 {
			v = 0
		}
		return mu, float32(math.Sqrt(float64(v)))
	}
	k := float32(p.NoiseK)
	tl, tc, dark := float32(p.LumaThreshold), float32(p.ChromaThreshold), float32(1-p.ShadowMin)
	for i := 0; i < w*h; i++ {
		y, sy := sd(3 * i)
		cr, scr := sd(3*i + 1)
		cb, scb := sd(3*i + 2)
		mean[3*i], mean[3*i+1], mean[3*i+2] = clamp8(y), clamp8(cr), clamp8(cb)
		b := max(tl, k*sy)
		tBright[i] = clamp8(b)
		tChroma[i] = clamp8(max(tc, k*(scr+scb)))
		tShadow[i] = clamp8(dark * y)
	}
	pl.cvx = cvx.Plate{Mean: mean, Bright: tBright, Chroma: tChroma, Shadow: tShadow}
	if p.RegionRadius > 0 {
		// OpenCV's blur rounded the window's mean to 8 bits before the
		// test "mean > RegionThreshold": on the window's sum that is
		// "sum > (RegionThreshold + 0.5) * k * k" for an integer
		// threshold.
		k := float64(2*p.RegionRadius + 1)
		pl.cvx.Radius = p.RegionRadius
		pl.cvx.RegionSum = int(math.Floor((p.RegionThreshold + 0.5) * k * k))
		pl.cvx.Weak = int(math.Floor(p.WeakThreshold))
	}
	pl.ready = true
}

func newPlate(w, h int) *plate {
	return &plate{mean: make([]uint8, 3*w*h), tBright: make([]uint8, w*h), tChroma: make([]uint8, w*h), tShadow: make([]uint8, w*h)}
}

func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
