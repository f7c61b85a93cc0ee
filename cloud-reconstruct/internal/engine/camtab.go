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
	d              rig.Distortion
	distorted      bool
	r2max, rmax    float64 // normalized radius (squared) beyond which projections are refused
	// jac bounds the distortion's Jacobian entries within rmax:
	// |∂xd/∂x|, |∂xd/∂y|, |∂yd/∂x|, |∂yd/∂y|.
	jac              [4]float64
	w, h             float64 // image size in pixels
	center           [3]float64
	present          bool // the current frame set has a view of this camera
	view             *frameset.View
	mw, mh           int
	sat              []uint32 // (mw+1)*(mh+1), sat[j*(mw+1)+i] = inside pixels in [0,i)x[0,j)
	ox, oy, s, invS2 float64  // crop origin, scale, 1/scale²
	cropU0, cropU1   float64  // crop extent, full-image pixels (continuous)
	cropV0, cropV1   float64
	imgU1, imgV1     float64 // W-0.5, H-0.5
}

func newCamTab(c *rig.Camera) camTab {
	ct := camTab{
		id: c.ID, r: c.Pose.R, t: c.Pose.T,
		fx: c.K.Fx, fy: c.K.Fy, cx: c.K.Cx, cy: c.K.Cy,
		fmin: math.Min(c.K.Fx, c.K.Fy), fmax: math.Max(c.K.Fx, c.K.Fy),
		d: c.D, distorted: !c.D.IsZero(),
		w: float64(c.Width), h: float64(c.Height),
		imgU1: float64(c.Width) - 0.5, imgV1: float64(c.Height) - 0.5,
		center: c.Center(),
	}
	ct.r2max, ct.rmax, ct.jac = math.Inf(1), math.Inf(1), [4]float64{1, 0, 0, 1}
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
		ct.jac = distortionJacobian(c.D, rm)
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

// distortionJacobian bounds, over the disc of radius rm, the absolute
// value of each entry of the distortion's Jacobian (central differences on
// a fine grid, times 1.02 and plus 1e-3 for what the grid misses).
func distortionJacobian(d rig.Distortion, rm float64) [4]float64 {
	const n = 64
	h := 1e-5 * rm
	var j [4]float64
	for i := 0; i <= n; i++ {
		for k := 0; k <= n; k++ {
			x := -rm + 2*rm*float64(i)/n
			y := -rm + 2*rm*float64(k)/n
			if x*x+y*y > rm*rm {
				continue
			}
			xp, yp := d.Distort(x+h, y)
			xm, ym := d.Distort(x-h, y)
			xq, yq := d.Distort(x, y+h)
			xr, yr := d.Distort(x, y-h)
			e := [4]float64{(xp - xm) / (2 * h), (xq - xr) / (2 * h), (yp - ym) / (2 * h), (yq - yr) / (2 * h)}
			for a := range j {
				j[a] = math.Max(j[a], math.Abs(e[a]))
			}
		}
	}
	for a := range j {
		j[a] = 1.02*j[a] + 1e-3
	}
	return j
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
	c.invS2 = 1 / (c.s * c.s)
	c.cropU0, c.cropU1 = c.ox-0.5, float64(v.Crop.Max.X)-0.5
	c.cropV0, c.cropV1 = c.oy-0.5, float64(v.Crop.Max.Y)-0.5
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
		prev := c.sat[y*stride : (y+1)*stride]
		cur := c.sat[(y+1)*stride : (y+2)*stride]
		cur[0] = 0
		var run uint32
		for x, p := range row {
			if p != 0 {
				run++
			}
			cur[x+1] = prev[x+1] + run
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
	x, y := X/z, Y/z
	if c.distorted {
		if x*x+y*y > c.r2max {
			return 0, 0, z, false
		}
		x, y = c.d.Distort(x, y)
	}
	return c.fx*x + c.cx, c.fy*y + c.cy, z, true
}

// rectCount counts inside mask pixels with index in [i0,i1]x[j0,j1]
// (inclusive, already clipped to the mask).
func (c *camTab) rectCount(i0, j0, i1, j1 int) uint32 {
	st := c.mw + 1
	return c.sat[(j1+1)*st+i1+1] - c.sat[j0*st+i1+1] - c.sat[(j1+1)*st+i0] + c.sat[j0*st+i0]
}

// boxCover returns the area (full-image pixels²) of the mask's inside
// under the box [u0,u1]x[v0,v1] given in full-image pixels: the
// summed-area table interpolated bilinearly at the four corners, which is
// exact for a piecewise constant image.
func (c *camTab) boxCover(u0, v0, u1, v1 float64) float64 {
	ia0, fa0 := c.satCoord((u0-c.ox+0.5)*c.s, c.mw)
	ia1, fa1 := c.satCoord((u1-c.ox+0.5)*c.s, c.mw)
	jb0, fb0 := c.satCoord((v0-c.oy+0.5)*c.s, c.mh)
	jb1, fb1 := c.satCoord((v1-c.oy+0.5)*c.s, c.mh)
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
	return (s11 - s01 - s10 + s00) * c.invS2
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
func (c *camTab) field(p [3]float64, R float64, pad bool) float64 {
	padV := -R
	if pad {
		padV = R
	}
	u, v, z, ok := c.project(p)
	if !ok {
		return padV
	}
	rp := R * c.fmin / z
	if rp < 1 {
		rp = 1
	}
	u0, u1, v0, v1 := u-rp, u+rp, v-rp, v+rp
	if u1 <= -0.5 || v1 <= -0.5 || u0 >= c.imgU1 || v0 >= c.imgV1 {
		return padV
	}
	// Fast path: a box wholly inside the crop whose pixels are all inside
	// or all outside saturates (the exact integral below would give the
	// same ±R).
	i0 := floorInt((u0-c.ox+0.5)*c.s + 0.5)
	i1 := floorInt((u1-c.ox+0.5)*c.s + 0.5)
	j0 := floorInt((v0-c.oy+0.5)*c.s + 0.5)
	j1 := floorInt((v1-c.oy+0.5)*c.s + 0.5)
	if i0 >= 0 && j0 >= 0 && i1 < c.mw && j1 < c.mh {
		n := c.rectCount(i0, j0, i1, j1)
		if n == 0 {
			return -R
		}
		if n == uint32((i1-i0+1)*(j1-j0+1)) {
			return R
		}
	}
	area := 4 * rp * rp
	cover := c.boxCover(u0, v0, u1, v1)
	if pad && (u0 < -0.5 || v0 < -0.5 || u1 > c.imgU1 || v1 > c.imgV1) {
		in := overlap(u0, u1, -0.5, c.imgU1) * overlap(v0, v1, -0.5, c.imgV1)
		cover += area - in
	}
	d := (2*cover/area - 1) * rp * z / c.fmin
	if d > R {
		return R
	}
	if d < -R {
		return -R
	}
	return d
}

// classify tests the axis-aligned cube with minimum corner p0 and edge
// size against this camera's mask: clsEmpty (no inside pixel under its
// grown footprint: carve), clsFull (only inside pixels) or clsPartial.
//
// The footprint bounds the cube's circumscribed sphere (centre C, radius
// ρ, camera frame): every point C+δ, |δ| <= ρ, projects within
// ρ·|(C_z, C_x)| / (C_z (C_z - ρ)) of C's normalized x (likewise y), and
// the distortion moves a point by at most the Jacobian bounds times that
// offset, per pixel axis. One projection per camera and cell.
func (c *camTab) classify(p0 [3]float64, size, R float64, pad bool) int {
	h := 0.5 * size
	px, py, pz := p0[0]+h, p0[1]+h, p0[2]+h
	X := c.r[0]*px + c.r[1]*py + c.r[2]*pz + c.t[0]
	Y := c.r[3]*px + c.r[4]*py + c.r[5]*pz + c.t[1]
	Z := c.r[6]*px + c.r[7]*py + c.r[8]*pz + c.t[2]
	rho := h * sqrt3
	zmin := Z - rho
	if zmin < zNear {
		return clsPartial
	}
	inv := 1 / Z
	x, y := X*inv, Y*inv
	// rho·sqrt(Z²+X²)/(Z·zmin) = (rho/zmin)·sqrt(1+x²) <= (rho/zmin)(1+x²/2).
	q := rho / zmin
	dx := q * (1 + 0.5*x*x)
	dy := q * (1 + 0.5*y*y)
	var hu, hv float64
	if c.distorted {
		// The whole square of reach dx, dy around (x, y) must be trusted.
		t := c.rmax - dx - dy
		if t <= 0 || x*x+y*y > t*t {
			return clsPartial
		}
		x, y = c.d.Distort(x, y)
		hu = c.fx * (c.jac[0]*dx + c.jac[1]*dy)
		hv = c.fy * (c.jac[2]*dx + c.jac[3]*dy)
	} else {
		hu, hv = dx*c.fx, dy*c.fy
	}
	u, v := c.fx*x+c.cx, c.fy*y+c.cy
	rp := R * c.fmin / zmin
	if rp < 1 {
		rp = 1
	}
	hu += rp
	hv += rp
	u0, u1, v0, v1 := u-hu, u+hu, v-hv, v+hv
	if u1 <= -0.5 || v1 <= -0.5 || u0 >= c.imgU1 || v0 >= c.imgV1 {
		if pad {
			return clsFull
		}
		return clsEmpty
	}
	inImage := u0 >= -0.5 && v0 >= -0.5 && u1 < c.imgU1 && v1 < c.imgV1
	// The part inside the image, in mask pixel indices.
	cu0, cu1, cv0, cv1 := u0, u1, v0, v1
	if !inImage {
		if cu0 < -0.5 {
			cu0 = -0.5
		}
		if cu1 > c.imgU1 {
			cu1 = c.imgU1
		}
		if cv0 < -0.5 {
			cv0 = -0.5
		}
		if cv1 > c.imgV1 {
			cv1 = c.imgV1
		}
	}
	i0 := floorInt((cu0 - c.ox + 0.5) * c.s)
	i1 := floorInt((cu1 - c.ox + 0.5) * c.s)
	j0 := floorInt((cv0 - c.oy + 0.5) * c.s)
	j1 := floorInt((cv1 - c.oy + 0.5) * c.s)
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

const sqrt3 = 1.7320508075688772
