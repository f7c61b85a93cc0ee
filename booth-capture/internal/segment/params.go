package segment

import (
	"fmt"
	"math"
)

// Method names a segmentation method.
type Method string

const (
	// Plate compares against a learned background plate (the default).
	Plate Method = "plate"
	// ChromaKey treats pixels near the key colour as background.
	ChromaKey Method = "chroma"
	// MOG2 is OpenCV's Gaussian-mixture background subtractor.
	MOG2 Method = "mog2"
	// KNN is OpenCV's k-nearest-neighbours background subtractor.
	KNN Method = "knn"
)

// Params tune a Segmenter. Zero fields take the defaults below.
type Params struct {
	Method Method
	// Downscale: work at 1/Downscale of the image, 1 to 8; 0 picks the
	// smallest factor that brings the width to at most 960 (720p: 2,
	// 1080p: 2, 4K: 4).
	Downscale int

	// Plate method. A pixel is foreground when its chroma (|dCr|+|dCb| in
	// YCrCb) moved more than ChromaThreshold, when it is brighter than the
	// plate by more than LumaThreshold, or darker by more than both
	// LumaThreshold and (1-ShadowMin) of the plate's luma: a shadow darkens
	// without changing chroma, down to ShadowMin of the background.
	// Thresholds rise to NoiseK standard deviations of the plate's pixel
	// where the sensor is noisier.
	PlateFrames     int     // empty frames averaged into the plate; default 8
	LumaThreshold   float64 // 8-bit levels; default 20
	ChromaThreshold float64 // 8-bit levels; default 14
	ShadowMin       float64 // 0 to 1; default 0.85
	NoiseK          float64 // default 4
	// PlateMotionFraction: while the plate is learned, a frame whose luma
	// differs from the frames so far by more than twice LumaThreshold over
	// more than this fraction of the image restarts the plate from it
	// (ErrSceneMoved): someone crossing the booth is not learned into the
	// background. Default 0.005; -1 turns the test off. A booth that
	// keeps changing still gets a plate after 10 plates' worth of
	// restarts. (A person who stands still through the whole learning
	// cannot be told from the background: the operator re-learns the
	// plates then.)
	PlateMotionFraction float64
	// Region test: a textured garment over a similar floor differs
	// little per pixel but clearly on average. Where a pixel's change
	// (chroma, plus brightening, plus darkening beyond what a shadow
	// explains) averaged over the window, rounded to a level, exceeds
	// RegionThreshold, pixels whose own change exceeds WeakThreshold are
	// foreground too (cvx.Plate). Window radius in work pixels (default
	// 2; -1: none).
	RegionRadius    int
	RegionThreshold float64 // default 12
	WeakThreshold   float64 // default 6

	// Chroma key: pixels whose (Cr, Cb) lie within KeyThreshold of the key
	// colour's are background.
	KeyColor     [3]uint8 // RGB; default {0, 177, 64}
	KeyThreshold float64  // default 24

	// MOG2 and KNN.
	History int // frames; default 500

	// Clean-up, in work pixels and fractions of the work image.
	OpenRadius int // default 1; -1: none
	// Closing bridges thin gaps in the person's mask; a radius of 2 working
	// pixels also filled the concave corners by the arms and fingers (720p
	// at 1/2: per-camera IoU 0.962 at worst against 0.983 with 1), and
	// holes are filled by MaxHoleFraction anyway.
	CloseRadius     int     // default 1; -1: none
	MinBlobFraction float64 // blobs below this are dropped; default 0.002
	MaxHoleFraction float64 // holes below this are filled; default 0.001; -1: none
}

// AutoDownscale is the factor Downscale 0 picks for an image width: the
// smallest that makes the working image at most 960 pixels wide. A booth
// camera 2.5 m from the person then has working pixels of 3-5 mm, about
// the reconstruction's 5 mm cell; finer masks cost the booth, the link
// and the cloud's decoding without sharpening the model much (a 720p
// camera at full resolution took twice the booth's CPU end to end, see
// BENCHMARKS.md).
func AutoDownscale(width int) int {
	return min(8, max(1, (width+959)/960))
}

// WithDefaults fills the zero fields (but Downscale, which New fills from
// the image width) and checks the rest.
func (p Params) WithDefaults() (Params, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if p.Method == "" {
		p.Method = Plate
	}
	if p.PlateFrames == 0 {
		p.PlateFrames = 8
	}
	def(&p.LumaThreshold, 20)
	def(&p.ChromaThreshold, 14)
	def(&p.ShadowMin, 0.85)
	def(&p.NoiseK, 4)
	def(&p.PlateMotionFraction, 0.005)
	if p.RegionRadius == 0 {
		p.RegionRadius = 2
	}
	def(&p.RegionThreshold, 12)
	def(&p.WeakThreshold, 6)
	if p.KeyColor == [3]uint8{} {
		p.KeyColor = [3]uint8{0, 177, 64}
	}
	def(&p.KeyThreshold, 24)
	if p.History == 0 {
		p.History = 500
	}
	if p.OpenRadius == 0 {
		p.OpenRadius = 1
	}
	if p.CloseRadius == 0 {
		p.CloseRadius = 1
	}
	def(&p.MinBlobFraction, 0.002)
	def(&p.MaxHoleFraction, 0.001)

	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
	switch {
	case p.Method != Plate && p.Method != ChromaKey && p.Method != MOG2 && p.Method != KNN:
		return p, fmt.Errorf("method %q (want plate, chroma, mog2 or knn): %w", p.Method, ErrParams)
	case p.Downscale < 0 || p.Downscale > 8:
		return p, fmt.Errorf("downscale %d (want 0 to 8): %w", p.Downscale, ErrParams)
	case p.PlateFrames < 1 || p.PlateFrames > 256:
		return p, fmt.Errorf("plate frames %d (want 1 to 256): %w", p.PlateFrames, ErrParams)
	case bad(p.LumaThreshold) || p.LumaThreshold < 1 || p.LumaThreshold > 254:
		return p, fmt.Errorf("luma threshold %g (want 1 to 254): %w", p.LumaThreshold, ErrParams)
	case bad(p.ChromaThreshold) || p.ChromaThreshold < 1 || p.ChromaThreshold > 254:
		return p, fmt.Errorf("chroma threshold %g (want 1 to 254): %w", p.ChromaThreshold, ErrParams)
	case bad(p.ShadowMin) || p.ShadowMin <= 0 || p.ShadowMin >= 1:
		return p, fmt.Errorf("shadow min %g (want between 0 and 1): %w", p.ShadowMin, ErrParams)
	case bad(p.NoiseK) || p.NoiseK < 0 || p.NoiseK > 20:
		return p, fmt.Errorf("noise k %g (want 0 to 20): %w", p.NoiseK, ErrParams)
	case bad(p.PlateMotionFraction) || p.PlateMotionFraction != -1 && (p.PlateMotionFraction <= 0 || p.PlateMotionFraction >= 1):
		return p, fmt.Errorf("plate motion fraction %g (want -1 to turn it off, or between 0 and 1): %w", p.PlateMotionFraction, ErrParams)
	case p.RegionRadius < -1 || p.RegionRadius > 20 || bad(p.RegionThreshold) || p.RegionThreshold < 1 || p.RegionThreshold > 254 || bad(p.WeakThreshold) || p.WeakThreshold < 0 || p.WeakThreshold > 254:
		return p, fmt.Errorf("region radius %d, thresholds %g/%g (want -1 to 20, 1 to 254, 0 to 254): %w", p.RegionRadius, p.RegionThreshold, p.WeakThreshold, ErrParams)
	case bad(p.KeyThreshold) || p.KeyThreshold < 1 || p.KeyThreshold > 254:
		return p, fmt.Errorf("key threshold %g (want 1 to 254): %w", p.KeyThreshold, ErrParams)
	case p.History < 1 || p.History > 100000:
		return p, fmt.Errorf("history %d frames (want 1 to 100000): %w", p.History, ErrParams)
	case p.OpenRadius < -1 || p.OpenRadius > 20 || p.CloseRadius < -1 || p.CloseRadius > 20:
		return p, fmt.Errorf("open/close radius %d/%d (want -1 to 20): %w", p.OpenRadius, p.CloseRadius, ErrParams)
	case bad(p.MinBlobFraction) || p.MinBlobFraction < 0 || p.MinBlobFraction >= 1:
		return p, fmt.Errorf("min blob fraction %g (want 0 to 1): %w", p.MinBlobFraction, ErrParams)
	case bad(p.MaxHoleFraction) || (p.MaxHoleFraction < 0 && p.MaxHoleFraction != -1) || p.MaxHoleFraction >= 1:
		return p, fmt.Errorf("max hole fraction %g (want 0 to 1, or -1): %w", p.MaxHoleFraction, ErrParams)
	}
	return p, nil
}
