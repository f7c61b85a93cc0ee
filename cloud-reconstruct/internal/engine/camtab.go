package engine

import (
	"math"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
)

// zNear is the least camera-frame depth (metres) at which a point is
// projected; nearer points count as unseen.
const zNear = 0.01

// Cell classes for one camera.
const (
	clsPartial = iota
	clsEmpty
	clsFull
)

// camTab holds one camera's projection constants (built once from the
// rig) and its current mask's summed-area table (rebuilt per frame).
type camTab struct {
	id             int
	r              [9]float64
	t              [3]float64
	fx, fy, cx, cy float64
	fmin, fmax     float64
	distorted      bool
	r2max, rmax    float64 // normalized radius (squared) beyond which projections are refused
	// jac[k] bounds the distortion's Jacobian entries over the annulus k
	// of the trusted disc, radii [k, k+1]·rmax/jacBins; jacInv is
	// jacBins/rmax. jac3[k] is the largest of jac[k-1], jac[k], jac[k+1]:
	// the bound for any disc of radius at most jacW = rmax/jacBins around a
	// point in annulus k.
	jac          [jacBins]jacBound
	jac3         [jacBins]jacBound
	jacInv, jacW float64
	// jacSq is jac3 indexed by the squared radius, which the cell test
	// has at hand (no square root on its path): jacSq[m] is the largest
	// jac3 entry over the radii whose square is in bins m-1 to m+1 of
	// jacSqBins over [0, rmax²] (the bins either side absorb the index's
	// rounding); jacSqInv is jacSqBins/rmax².
	jacSq        [jacSqBins]jacBound
	jacSqInv     float64
	w, h         float64 // image size in pixels
	center       [3]float64
	present      bool // the current frame set has a view of this camera
	view         *frameset.View
	mw, mh       int
	sat          []uint32 // (mw+1)*(mh+1), sat[j*(mw+1)+i] = inside pixels in [0,i)x[0,j)
	ox, oy, s    float64  // crop origin, scale
	imgU1, imgV1 float64  // W-0.5, H-0.5

	// zReach is the most the depth varies over a cube of half-size 1:
	// the L1 norm of the rotation's third row.
	zReach float64
	// The distortion's coefficients, for the inlined polynomial.
	k1, k2, k3, p1, p2 float64
	tp1, tp2           float64 // 2·p1, 2·p2 (distort)
	// Summed-area coordinates (mask pixel edges, 0 at the mask's first
	// edge) of a normalized, distorted image point (x, y): a = ax·x + bx,
	// b = ay·y + by; set per frame with the view.
	ax, bx, ay, by float64
	// The image's extent in summed-area coordinates.
	ia0, ia1, ib0, ib1 float64
	// cropA1, cropB1 are the mask's size (summed-area coordinates) when
	// the crop lies within the image, else -1: a footprint in [0, cropA1)
	// x [0, cropB1) is then within the crop and the image.
	cropA1, cropB1 float64
}

func newCamTab(c *rig.Camera) camTab {
	ct := camTab{
		id: c.ID, r: c.Pose.R, t: c.Pose.T,
		fx: c.K.Fx, fy: c.K.Fy, cx: c.K.Cx, cy: c.K.Cy,
		fmin: math.Min(c.K.Fx, c.K.Fy), fmax: math.Max(c.K.Fx, c.K.Fy),
		distorted: !c.D.IsZero(),
		w:         float64(c.Width), h: float64(c.Height),
		imgU1: float64(c.Width) - 0.5, imgV1: float64(c.Height) - 0.5,
		center: c.Center(),
		k1:     c.D.K1, k2: c.D.K2, k3: c.D.K3, p1: c.D.P1, p2: c.D.P2,
		tp1: 2 * c.D.P1, tp2: 2 * c.D.P2,
	}
	ct.zReach = math.Abs(ct.r[6]) + math.Abs(ct.r[7]) + math.Abs(ct.r[8])
	ct.r2max, ct.rmax = math.Inf(1), math.Inf(1)
	if ct.distorted {
		// The image corners' undistorted radius, with room to spare; beyond
		// it every point is outside the image as long as the distortion is
		// monotonic there.
		need := 0.0
		for _, px := range [][2]float64{{-0.5, -0.5}, {ct.imgU1, -0.5}, {-0.5, ct.imgV1}, {ct.imgU1, ct.imgV1}} {
			x, y := c.Normalized(px)
			need = math.Max(need, math.Hypot(x, y))
		}
		rm := math.Min(1.5*need, 0.95*monotonicRadius(c.D, 4*need+1))
		ct.r2max, ct.rmax = rm*rm, rm
		ct.jac = annulusJacobians(c.D, rm)
		ct.jacInv, ct.jacW = jacBins/rm, rm/jacBins
		for k := range ct.jac3 {
			b := ct.jac[k]
			for _, n := range []int{k - 1, k + 1} {
				if n >= 0 && n < jacBins {
					j := ct.jac[n]
					b.xx, b.xy, b.yy = max(b.xx, j.xx), max(b.xy, j.xy), max(b.yy, j.yy)
				}
			}
			ct.jac3[k] = b
		}
		ct.jacSqInv = jacSqBins / (rm * rm)
		for m := range ct.jacSq {
			// Radii of squared-radius bins m-1 to m+1, and their annuli.
			lo := rm * math.Sqrt(float64(max(m-1, 0))/jacSqBins)
			hi := rm * math.Sqrt(float64(min(m+2, jacSqBins))/jacSqBins)
			k0, k1 := min(int(lo*ct.jacInv), jacBins-1), min(int(hi*ct.jacInv), jacBins-1)
			b := ct.jac3[k0]
			for _, j := range ct.jac3[k0+1 : k1+1] {
				b.xx, b.xy, b.yy = max(b.xx, j.xx), max(b.xy, j.xy), max(b.yy, j.yy)
			}
			ct.jacSq[m] = b
		}
	}
	return ct
}

// monotonicRadius returns the smallest normalized radius (up to limit)
// where the radial distortion r·(1+k1r²+k2r⁴+k3r⁶) stops increasing.
func monotonicRadius(d rig.Distortion, limit float64) float64 {
	const steps = 4096
	for i := 1; i <= steps; i++ {
		r := limit * float64(i) / steps
		r2 := r * r
		// d/dr of r + k1 r³ + k2 r⁵ + k3 r⁷
		if 1+3*d.K1*r2+5*d.K2*r2*r2+7*d.K3*r2*r2*r2 <= 0.05 {
			return r
		}
	}
	return limit
}

// jacBins is the number of annuli of the trusted disc over which the
// distortion's Jacobian is bounded.
const jacBins = 64

// jacSqBins is the number of squared-radius bins of camTab.jacSq.
const jacSqBins = 256

// jacBound bounds the absolute values of the distortion's Jacobian
// entries over a region: xx = |∂xd/∂x|, xy = |∂xd/∂y| = |∂yd/∂x| (the
// Jacobian is symmetric), yy = |∂yd/∂y|.
type jacBound struct{ xx, xy, yy float64 }

// annulusJacobians bounds the distortion's Jacobian over each of jacBins
// annuli of the disc of radius rm (annulus k: radii [k, k+1]·rm/jacBins).
//
// With r² = x²+y², L(r²) = 1 + k1r² + k2r⁴ + k3r⁶ and D = dL/d(r²):
//
//	∂xd/∂x = L + 2x²D + 2p1y + 6p2x
//	∂xd/∂y = ∂yd/∂x = 2xyD + 2p1x + 2p2y
//	∂yd/∂y = L + 2y²D + 6p1y + 2p2x
//
// L + 2x²D lies between L and L + 2r²D (x² in [0, r²]), and |2xy| <= r²,
// so the radial parts are bounded by functions of r alone: max(|g1|, |g2|)
// with g1 = L = 1 + k1r² + k2r⁴ + k3r⁶, g2 = L + 2r²D = 1 + 3k1r² + 5k2r⁴ +
// 7k3r⁶, and |g3| with g3 = r²D = k1r² + 2k2r⁴ + 3k3r⁶; the tangential
// parts by their coefficients times the annulus' outer radius. Each |g| is
// maximised over the annulus by sampling plus its Lipschitz bound times
// half the step, so the bounds are rigorous (up to rounding, covered by a
// relative 1e-9 and a widening of each annulus by 1e-9·rm on both sides).
func annulusJacobians(d rig.Distortion, rm float64) (t [jacBins]jacBound) {
	const n = 32 // samples per annulus
	k1, k2, k3 := d.K1, d.K2, d.K3
	g1 := [3]float64{k1, k2, k3}
	g2 := [3]float64{3 * k1, 5 * k2, 7 * k3}
	g3 := [3]float64{k1, 2 * k2, 3 * k3}
	w := rm / jacBins
	eps := 1e-9 * rm
	// maxAbs bounds |c0 + a1r² + a2r⁴ + a3r⁶| over [r0, r1].
	maxAbs := func(c0 float64, a [3]float64, r0, r1 float64) float64 {
		h := (r1 - r0) / n
		m := 0.0
		for i := 0; i <= n; i++ {
			r := r0 + h*float64(i)
			r2 := r * r
			m = math.Max(m, math.Abs(c0+r2*(a[0]+r2*(a[1]+r2*a[2]))))
		}
		lip := 2*math.Abs(a[0])*r1 + 4*math.Abs(a[1])*r1*r1*r1 + 6*math.Abs(a[2])*math.Pow(r1, 5)
		return m + lip*h/2
	}
	ap1, ap2 := math.Abs(d.P1), math.Abs(d.P2)
	for k := range t {
		r0 := math.Max(0, float64(k)*w-eps)
		r1 := float64(k+1)*w + eps
		radial := math.Max(maxAbs(1, g1, r0, r1), maxAbs(1, g2, r0, r1))
		cross := maxAbs(0, g3, r0, r1)
		t[k] = jacBound{
			xx: (radial + (2*ap1+6*ap2)*r1) * (1 + 1e-9),
			xy: (cross + (2*ap1+2*ap2)*r1) * (1 + 1e-9),
			yy: (radial + (6*ap1+2*ap2)*r1) * (1 + 1e-9),
		}
	}
	return t
}

// jacobianBound bounds the distortion's Jacobian over the disc of radius
// reach around a point at radius rho (rho + reach within the trusted
// radius): the maximum over the annuli the disc touches.
func (c *camTab) jacobianBound(rho, reach float64) jacBound {
	if reach <= c.jacW {
		// The disc lies within the annuli next to rho's (the usual case:
		// cells below the top levels).
		return c.jac3[min(int(rho*c.jacInv), jacBins-1)]
	}
	k0 := 0
	if lo := rho - reach; lo > 0 {
		k0 = int(lo * c.jacInv)
	}
	k1 := min(int((rho+reach)*c.jacInv), jacBins-1)
	k0 = min(k0, k1)
	b := c.jac[k0]
	for k := k0 + 1; k <= k1; k++ {
		j := &c.jac[k]
		b.xx, b.xy, b.yy = max(b.xx, j.xx), max(b.xy, j.xy), max(b.yy, j.yy)
	}
	return b
}

// floorInt is int(math.Floor(x)) for |x| < 2^62, without the call.
func floorInt(x float64) int {
	i := int(x)
	if float64(i) > x {
		i--
	}
	return i
}

// setView installs the frame's view of this camera and builds its
// summed-area table.
func (c *camTab) setView(v *frameset.View) {
	c.present = true
	c.view = v
	c.mw, c.mh = v.Mask.Width, v.Mask.Height
	c.ox, c.oy, c.s = float64(v.Crop.Min.X), float64(v.Crop.Min.Y), v.Scale
	c.ax, c.bx = c.fx*c.s, (c.cx-c.ox+0.5)*c.s
	c.ay, c.by = c.fy*c.s, (c.cy-c.oy+0.5)*c.s
	c.ia0, c.ia1 = -c.ox*c.s, (c.w-c.ox)*c.s
	c.ib0, c.ib1 = -c.oy*c.s, (c.h-c.oy)*c.s
	c.cropA1, c.cropB1 = -1, -1
	if c.ia0 <= 0 && c.ib0 <= 0 && c.ia1 >= float64(c.mw) && c.ib1 >= float64(c.mh) {
		c.cropA1, c.cropB1 = float64(c.mw), float64(c.mh)
	}
	n := (c.mw + 1) * (c.mh + 1)
	if cap(c.sat) < n {
		c.sat = make([]uint32, n)
	}
	c.sat = c.sat[:n]
	stride := c.mw + 1
	for i := 0; i < stride; i++ {
		c.sat[i] = 0
	}
	pix := v.Mask.Pix
	for y := 0; y < c.mh; y++ {
		row := pix[y*c.mw : (y+1)*c.mw]
		c.sat[(y+1)*stride] = 0
		// Entries 1..mw of the previous and this table row.
		prev := c.sat[y*stride+1 : (y+1)*stride]
		cur := c.sat[(y+1)*stride+1 : (y+2)*stride]
		prev, cur = prev[:len(row)], cur[:len(row)]
		var run uint32
		for x, p := range row {
			run += uint32((p | -p) >> 7) // 1 when p != 0
			cur[x] = prev[x] + run
		}
	}
}

// project maps a world point to the camera frame and, when it is in front
// and within the trusted radius, to a pixel.
func (c *camTab) project(p [3]float64) (u, v, z float64, ok bool) {
	X := c.r[0]*p[0] + c.r[1]*p[1] + c.r[2]*p[2] + c.t[0]
	Y := c.r[3]*p[0] + c.r[4]*p[1] + c.r[5]*p[2] + c.t[1]
	z = c.r[6]*p[0] + c.r[7]*p[1] + c.r[8]*p[2] + c.t[2]
	if z < zNear {
		return 0, 0, z, false
	}
	iz := 1 / z
	x, y := X*iz, Y*iz
	if c.distorted {
		r2 := x*x + y*y
		if r2 > c.r2max {
			return 0, 0, z, false
		}
		x, y = c.distort(x, y, r2)
	}
	return c.fx*x + c.cx, c.fy*y + c.cy, z, true
}

// distort is rig.Distortion.Distort with r2 = x²+y² given, inlined in the
// hot loops. The tangential terms are folded into the radial factor:
// x·radial + 2p1·xy + p2(r2 + 2x²) = x(radial + 2p1·y + 2p2·x) + p2·r2,
// and likewise y (16 operations instead of 24; the same value up to
// rounding).
func (c *camTab) distort(x, y, r2 float64) (float64, float64) {
	t := 1 + r2*(c.k1+r2*(c.k2+r2*c.k3)) + c.tp1*y + c.tp2*x
	return x*t + c.p2*r2, y*t + c.p1*r2
}

// rectCount counts inside mask pixels with index in [i0,i1]x[j0,j1]
// (inclusive, already clipped to the mask).
func (c *camTab) rectCount(i0, j0, i1, j1 int) uint32 {
	st := c.mw + 1
	return c.sat[(j1+1)*st+i1+1] - c.sat[j0*st+i1+1] - c.sat[(j1+1)*st+i0] + c.sat[j0*st+i0]
}

// boxCover returns the inside area (mask pixels²) under the box
// [a0,a1]x[b0,b1] given in summed-area coordinates: the summed-area table
// interpolated bilinearly at the four corners, which is exact for a
// piecewise constant image.
func (c *camTab) boxCover(a0, b0, a1, b1 float64) float64 {
	ia0, fa0 := c.satCoord(a0, c.mw)
	ia1, fa1 := c.satCoord(a1, c.mw)
	jb0, fb0 := c.satCoord(b0, c.mh)
	jb1, fb1 := c.satCoord(b1, c.mh)
	st := c.mw + 1
	r0 := c.sat[jb0*st : jb0*st+2*st]
	r1 := c.sat[jb1*st : jb1*st+2*st]
	// Interpolate along x on the four table rows, then along y.
	lerpRow := func(row []uint32, i int, f float64) (float64, float64) {
		a0, a1 := float64(row[i]), float64(row[i+1])
		b0, b1 := float64(row[st+i]), float64(row[st+i+1])
		return a0 + f*(a1-a0), b0 + f*(b1-b0)
	}
	a00, a01 := lerpRow(r0, ia0, fa0) // x0 at rows jb0, jb0+1
	a10, a11 := lerpRow(r0, ia1, fa1) // x1
	b00, b01 := lerpRow(r1, ia0, fa0)
	b10, b11 := lerpRow(r1, ia1, fa1)
	s00 := a00 + fb0*(a01-a00) // (x0, y0)
	s10 := a10 + fb0*(a11-a10) // (x1, y0)
	s01 := b00 + fb1*(b01-b00) // (x0, y1)
	s11 := b10 + fb1*(b11-b10) // (x1, y1)
	return s11 - s01 - s10 + s00
}

// boxCoverIn is boxCover for a box strictly within the mask (0 < a0 <=
// a1 < mw, likewise b), where satCoord clamps nothing: the same
// interpolation, in the same order, without the clamps and sub-slices.
func (c *camTab) boxCoverIn(a0, b0, a1, b1 float64) float64 {
	ia0, ia1, jb0, jb1 := int(a0), int(a1), int(b0), int(b1)
	fa0, fa1 := a0-float64(ia0), a1-float64(ia1)
	fb0, fb1 := b0-float64(jb0), b1-float64(jb1)
	st := c.mw + 1
	sat := c.sat
	// lerpRow of boxCover: along x on table rows j and j+1.
	lerpRow := func(j, i int, f float64) (float64, float64) {
		k := j*st + i
		_ = sat[k+st+1]
		a0, a1 := float64(sat[k]), float64(sat[k+1])
		b0, b1 := float64(sat[k+st]), float64(sat[k+st+1])
		return a0 + f*(a1-a0), b0 + f*(b1-b0)
	}
	a00, a01 := lerpRow(jb0, ia0, fa0)
	a10, a11 := lerpRow(jb0, ia1, fa1)
	b00, b01 := lerpRow(jb1, ia0, fa0)
	b10, b11 := lerpRow(jb1, ia1, fa1)
	s00 := a00 + fb0*(a01-a00)
	s10 := a10 + fb0*(a11-a10)
	s01 := b00 + fb1*(b01-b00)
	s11 := b10 + fb1*(b11-b10)
	return s11 - s01 - s10 + s00
}

// satCoord turns a summed-area coordinate (mask pixel edge units, 0 at the
// mask's first edge) into a cell index in [0, n-1] and a fraction in
// [0, 1], clamping outside the mask.
func (c *camTab) satCoord(a float64, n int) (int, float64) {
	if a <= 0 {
		return 0, 0
	}
	if a >= float64(n) {
		return n - 1, 1
	}
	i := int(a)
	return i, a - float64(i)
}

// overlap returns the length of [a0,a1] ∩ [b0,b1].
func overlap(a0, a1, b0, b1 float64) float64 {
	return math.Max(0, math.Min(a1, b1)-math.Max(a0, b0))
}

// field returns this camera's clamped signed distance (metres, positive
// inside) at world point p; R is the clamp and pad says whether unseen
// space counts as inside.
//
// The box of half-width rp = max(R·fmin/z, 1) full-image pixels around the
// projection is handled in summed-area coordinates (mask pixels), where it
// has half-width rp·s; the distance (2·cover/area - 1)·rp·z/fmin is then
// (2·cover/area - 1)·max(R, z/fmin).
func (c *camTab) field(px, py, pz, R float64, pad bool) float64 {
	z := c.r[6]*px + c.r[7]*py + c.r[8]*pz + c.t[2]
	if z < zNear {
		return padValue(R, pad)
	}
	iz := 1 / z
	x := (c.r[0]*px + c.r[1]*py + c.r[2]*pz + c.t[0]) * iz
	y := (c.r[3]*px + c.r[4]*py + c.r[5]*pz + c.t[1]) * iz
	if c.distorted {
		r2 := x*x + y*y
		if r2 > c.r2max {
			return padValue(R, pad)
		}
		x, y = c.distort(x, y, r2)
	}
	a, b := c.ax*x+c.bx, c.ay*y+c.by
	rp, scale := R*c.fmin*iz, R
	if rp < 1 {
		rp, scale = 1, z/c.fmin
	}
	q := rp * c.s
	a0, a1, b0, b1 := a-q, a+q, b-q, b+q
	if a0 > 0 && b0 > 0 && a1 < c.cropA1 && b1 < c.cropB1 {
		// The common case: the box is strictly within the crop, which
		// lies within the image (nothing to clamp, nothing unseen). This
		// is the general code below, in the same order, with the tests
		// it implies taken out: a box whose pixels are all inside or all
		// outside saturates; otherwise the exact integral.
		i0, i1, j0, j1 := int(a0), int(a1), int(b0), int(b1)
		n := c.rectCount(i0, j0, i1, j1)
		if n == 0 {
			return -R
		}
		if n == uint32((i1-i0+1)*(j1-j0+1)) {
			return R
		}
		return clampR((2*c.boxCoverIn(a0, b0, a1, b1)/(4*q*q)-1)*scale, R)
	}
	// Fast path: a box wholly inside the crop and the image whose pixels
	// are all inside or all outside saturates (the exact integral below
	// gives the same ±R). Mask pixel i covers summed-area coordinates
	// [i, i+1), so the pixels under the box are floor(a0) to floor(a1)
	// (likewise b); int() is floor for the non-negative values tested.
	// (The crop starts within the image: a0 >= 0 is within it too.) These
	// must be exactly the pixels under the box: at coarse working scales
	// the box is a fraction of a mask pixel wide, and any other pixel can
	// give +R in a cell the carving classed empty (or -R in one it
	// classed inside), which leaves the surface open.
	if a0 >= 0 && b0 >= 0 && a1 <= c.ia1 && b1 <= c.ib1 {
		i0, i1, j0, j1 := int(a0), int(a1), int(b0), int(b1)
		if i1 < c.mw && j1 < c.mh {
			n := c.rectCount(i0, j0, i1, j1)
			if n == 0 {
				return -R
			}
			if n == uint32((i1-i0+1)*(j1-j0+1)) {
				return R
			}
		}
	}
	if a1 <= c.ia0 || b1 <= c.ib0 || a0 >= c.ia1 || b0 >= c.ib1 {
		return padValue(R, pad)
	}
	area := 4 * q * q
	cover := c.boxCover(a0, b0, a1, b1)
	if pad && (a0 < c.ia0 || b0 < c.ib0 || a1 > c.ia1 || b1 > c.ib1) {
		cover += area - overlap(a0, a1, c.ia0, c.ia1)*overlap(b0, b1, c.ib0, c.ib1)
	}
	return clampR((2*cover/area-1)*scale, R)
}

// clampR clamps the field value d to [-R, R].
func clampR(d, R float64) float64 {
	if d > R {
		return R
	}
	if d < -R {
		return -R
	}
	return d
}

// padValue is the field of a camera that does not see a point: +R when
// unseen space counts as inside, else -R.
func padValue(R float64, pad bool) float64 {
	if pad {
		return R
	}
	return -R
}

// classify tests the axis-aligned cube with minimum corner p0 and edge
// size against this camera's mask: clsEmpty (no inside pixel under its
// grown footprint: carve), clsFull (only inside pixels) or clsPartial.
//
// The footprint bounds the cube's projection (see the package
// documentation): every point C+e, |e_i| <= h, has normalized x within
// h·‖a - x·c‖₁ / zmin of the centre's (a, c the rotation's rows 0 and 2,
// zmin = Z - h·‖c‖₁; likewise y), and the distortion moves a point by at
// most the Jacobian bounds times that offset, per pixel axis. One
// projection per camera and cell.
func (c *camTab) classify(x0, y0, z0, size, R float64, pad bool) int {
	h := 0.5 * size
	px, py, pz := x0+h, y0+h, z0+h
	X := c.r[0]*px + c.r[1]*py + c.r[2]*pz + c.t[0]
	Y := c.r[3]*px + c.r[4]*py + c.r[5]*pz + c.t[1]
	Z := c.r[6]*px + c.r[7]*py + c.r[8]*pz + c.t[2]
	zmin := Z - h*c.zReach
	if zmin < zNear {
		return clsPartial
	}
	inv := 1 / Z
	x, y := X*inv, Y*inv
	// |x'-x| <= h·‖a - x·c‖₁ / zmin, a and c the rotation's rows 0 and 2.
	q := h / zmin
	dx := q * (math.Abs(c.r[0]-x*c.r[6]) + math.Abs(c.r[1]-x*c.r[7]) + math.Abs(c.r[2]-x*c.r[8]))
	dy := q * (math.Abs(c.r[3]-y*c.r[6]) + math.Abs(c.r[4]-y*c.r[7]) + math.Abs(c.r[5]-y*c.r[8]))
	var hu, hv float64
	if c.distorted {
		// The whole square of reach dx, dy around (x, y) must be trusted;
		// it lies within the disc of radius dx + dy around (x, y).
		reach := dx + dy
		t := c.rmax - reach
		r2 := x*x + y*y
		if t <= 0 || r2 > t*t {
			return clsPartial
		}
		// jacobianBound, its usual case by the squared radius.
		var j jacBound
		if reach <= c.jacW {
			j = c.jacSq[min(int(r2*c.jacSqInv), jacSqBins-1)]
		} else {
			j = c.jacobianBound(math.Sqrt(r2), reach)
		}
		x, y = c.distort(x, y, r2)
		hu = c.fx * (j.xx*dx + j.xy*dy)
		hv = c.fy * (j.xy*dx + j.yy*dy)
	} else {
		hu, hv = dx*c.fx, dy*c.fy
	}
	// The grown footprint in summed-area coordinates (mask pixel edges).
	rp := R * c.fmin / zmin
	if rp < 1 {
		rp = 1
	}
	a, b := c.ax*x+c.bx, c.ay*y+c.by
	ha, hb := (hu+rp)*c.s, (hv+rp)*c.s
	a0, a1, b0, b1 := a-ha, a+ha, b-hb, b+hb
	if a0 >= 0 && b0 >= 0 && a1 < c.cropA1 && b1 < c.cropB1 {
		// Common case: the footprint is within the crop (and so the
		// image); the general code below gives the same class.
		i0, i1, j0, j1 := int(a0), int(a1), int(b0), int(b1)
		count := c.rectCount(i0, j0, i1, j1)
		if count == 0 {
			return clsEmpty
		}
		if count == uint32((i1-i0+1)*(j1-j0+1)) {
			return clsFull
		}
		return clsPartial
	}
	if a1 <= c.ia0 || b1 <= c.ib0 || a0 >= c.ia1 || b0 >= c.ib1 {
		if pad {
			return clsFull
		}
		return clsEmpty
	}
	inImage := a0 >= c.ia0 && b0 >= c.ib0 && a1 < c.ia1 && b1 < c.ib1
	// The part inside the image, in mask pixel indices.
	if !inImage {
		a0, a1 = max(a0, c.ia0), min(a1, c.ia1)
		b0, b1 = max(b0, c.ib0), min(b1, c.ib1)
	}
	i0, i1 := floorInt(a0), floorInt(a1)
	j0, j1 := floorInt(b0), floorInt(b1)
	inCrop := i0 >= 0 && j0 >= 0 && i1 < c.mw && j1 < c.mh
	i0, j0 = max(i0, 0), max(j0, 0)
	i1, j1 = min(i1, c.mw-1), min(j1, c.mh-1)
	var count, area uint32
	if i0 <= i1 && j0 <= j1 {
		count = c.rectCount(i0, j0, i1, j1)
		area = uint32((i1 - i0 + 1) * (j1 - j0 + 1))
	}
	if count == 0 && (inImage || !pad) {
		return clsEmpty
	}
	if count == area && area > 0 && inCrop && (inImage || pad) {
		return clsFull
	}
	return clsPartial
}
