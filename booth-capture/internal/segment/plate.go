package segment

import (
	"math"

	"gocv.io/x/gocv"
)

// plate accumulates empty frames (YCrCb, work size) and turns them into
// the per-pixel mean and thresholds the difference test uses.
type plate struct {
	n          int
	sum, sumSq []float32 // 3 per pixel

	mean    gocv.Mat // 8UC3 YCrCb mean
	meanY   gocv.Mat // 8UC1 luma of the mean
	tBright gocv.Mat // 8UC1: brighter by more than this is foreground
	tDark   gocv.Mat // 8UC1: darker by more than this is foreground
	tChroma gocv.Mat // 8UC1: |dCr|+|dCb| above this is foreground
	tShadow gocv.Mat // 8UC1: the darkening a shadow explains
	ready   bool
}

func (pl *plate) reset() {
	pl.n = 0
	pl.ready = false
	clear(pl.sum)
	clear(pl.sumSq)
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
func (pl *plate) build(p Params, w, h int) error {
	mean, err := pl.mean.DataPtrUint8()
	if err != nil {
		return err
	}
	var out [5][]uint8
	for i, m := range []*gocv.Mat{&pl.meanY, &pl.tBright, &pl.tDark, &pl.tChroma, &pl.tShadow} {
		if out[i], err = m.DataPtrUint8(); err != nil {
			return err
		}
	}
	meanY, tBright, tDark, tChroma, tShadow := out[0], out[1], out[2], out[3], out[4]
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
		meanY[i] = clamp8(y)
		b := max(tl, k*sy)
		tBright[i] = clamp8(b)
		tDark[i] = clamp8(max(b, dark*y))
		tChroma[i] = clamp8(max(tc, k*(scr+scb)))
		tShadow[i] = clamp8(dark * y)
	}
	pl.ready = true
	return nil
}

func newPlate(w, h int) *plate {
	return &plate{
		mean:    gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC3),
		meanY:   gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1),
		tBright: gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1),
		tDark:   gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1),
		tChroma: gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1),
		tShadow: gocv.NewMatWithSize(h, w, gocv.MatTypeCV8UC1),
	}
}

func (pl *plate) close() {
	for _, m := range []*gocv.Mat{&pl.mean, &pl.meanY, &pl.tBright, &pl.tDark, &pl.tChroma, &pl.tShadow} {
		_ = m.Close()
	}
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
