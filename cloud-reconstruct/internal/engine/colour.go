package engine

import (
	"cmp"
	"math"
	"slices"

	"cloudme.dev/proto/mesh"
)

// greyLevel is the colour of vertices that no camera sees.
const greyLevel = 128

// camColour is one camera's share of the colour stage: the vertices that
// face it and land in its image, and what the visible ones contribute.
type camColour struct {
	zbuf []float32
	// facing is scratch for the vertices that face the camera.
	facing []int32
	// splatted is closed when the frame's splat is done.
	splatted chan struct{}
	cand     []colourCand
	out      []colourSample
}

// cost estimates the camera's share of the colour work from its last
// frame: a projected candidate costs about as much as a sample.
func (cc *camColour) cost() int { return len(cc.cand) + len(cc.out) }

// colourCand is a vertex facing a camera: its z-buffer pixel, depth,
// position in the mask (mask pixel coordinates), and n·d and |d|² for d
// the vector to the camera.
type colourCand struct {
	v, k          int32
	depth, mx, my float32
	dot, d2       float32
}

// colourSample is one camera's weighted colour of one vertex.
type colourSample struct {
	v          int32
	r, g, b, w float32
}

// colour fills out.Colors: visibility by z-buffers of the mesh's own
// vertices splatted at reduced resolution, colours blended by cos^4 of
// the viewing angle. Each camera projects the vertices that face it once
// (its splat), then samples its colour at those it sees (its samples);
// the cameras' splats and samples run in parallel; a last pass sums the
// cameras' samples per vertex.
func (e *cpu) colour(out *mesh.Mesh, vx []colourVtx) {
	nv := len(out.Positions) / 3
	out.Colors = growU8(out.Colors, 3*nv)
	cams := e.ccams
	for len(e.ccol) < len(e.cams) {
		e.ccol = append(e.ccol, &camColour{})
	}
	// The cameras are handed out costliest first, by their candidates and
	// samples in the previous frame (longest processing time first: the
	// workers finish together). The items are all the splats, then all
	// the samples (half the size of a camera's whole share, so the
	// workers end closer together); a camera's samples wait for its
	// splat, which was handed out before them. The order does not change
	// the output.
	order := append(e.corder[:0], cams...)
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(e.ccol[b].cost(), e.ccol[a].cost())
	})
	e.corder = order
	n := len(order)
	for _, ci := range order {
		e.ccol[ci].splatted = make(chan struct{})
	}
	parallelEach(2*n, e.cfg.Workers, func(_, k int) {
		if k < n {
			cc := e.ccol[order[k]]
			e.splat(order[k], vx)
			close(cc.splatted)
			return
		}
		cc := e.ccol[order[k-n]]
		<-cc.splatted
		e.sample(order[k-n])
	})
	// Each camera's samples are in vertex order: the workers sum the
	// samples of their own vertex range, camera after camera (the same
	// order of additions as one pass over the cameras).
	if cap(e.cacc) < nv {
		e.cacc = make([][4]float32, nv)
	}
	acc := e.cacc[:nv]
	cols := out.Colors
	parallelFor(nv, e.cfg.Workers, func(_, lo, hi int) {
		clear(acc[lo:hi])
		for _, ci := range cams {
			smp := e.ccol[ci].out
			s0, _ := slices.BinarySearchFunc(smp, int32(lo), func(s colourSample, v int32) int { return cmp.Compare(s.v, v) })
			for _, s := range smp[s0:] {
				if int(s.v) >= hi {
					break
				}
				a := &acc[s.v]
				a[0] += s.r
				a[1] += s.g
				a[2] += s.b
				a[3] += s.w
			}
		}
		for v := lo; v < hi; v++ {
			a := &acc[v]
			o := 3 * v
			_ = cols[o+2]
			if a[3] == 0 {
				cols[o], cols[o+1], cols[o+2] = greyLevel, greyLevel, greyLevel
				continue
			}
			cols[o], cols[o+1], cols[o+2] = toByte(float64(a[0]/a[3])), toByte(float64(a[1]/a[3])), toByte(float64(a[2]/a[3]))
		}
	})
}

// splat projects the vertices that face camera ci into its z-buffer and
// records them as its colour candidates.
func (e *cpu) splat(ci int, vx []colourVtx) {
	vs := e.cfg.VisibilityScale
	c := &e.cams[ci]
	cc := e.ccol[ci]
	zw, zh := int(math.Ceil(c.w*vs)), int(math.Ceil(c.h*vs))
	cc.zbuf = grow(cc.zbuf, zw*zh)
	zb := cc.zbuf
	fillInf(zb)
	pr := c.proj32()
	vs32 := float32(vs)
	// The records are written in place (append would build each on
	// the stack and copy it); the slice grows as append would.
	cand := cc.cand[:cap(cc.cand)]
	nc := 0
	fx, fy, fz := float32(c.center[0]), float32(c.center[1]), float32(c.center[2])
	// The vertices facing the camera first, in a loop of their own (the
	// projection's many live values make the test dearer inside it).
	cc.facing = facingVerts(cc.facing, vx, fx, fy, fz)
	for _, v := range cc.facing {
		q := &vx[v]
		px, py, pz := q.p[0], q.p[1], q.p[2]
		// pr.project, inlined.
		z := pr.r[6]*px + pr.r[7]*py + pr.r[8]*pz + pr.t[2]
		if !(z >= zNear) {
			continue
		}
		iz := 1 / z
		x := (pr.r[0]*px + pr.r[1]*py + pr.r[2]*pz + pr.t[0]) * iz
		y := (pr.r[3]*px + pr.r[4]*py + pr.r[5]*pz + pr.t[1]) * iz
		if pr.distorted {
			r2 := x*x + y*y
			if r2 > pr.r2max {
				continue
			}
			t := 1 + r2*(pr.k1+r2*(pr.k2+r2*pr.k3)) + pr.tp1*y + pr.tp2*x
			x, y = x*t+pr.p2*r2, y*t+pr.p1*r2
		}
		u, w := pr.fx*x+pr.cx, pr.fy*y+pr.cy
		if !(u >= -0.5 && w >= -0.5) {
			continue
		}
		zx, zy := int((u+0.5)*vs32), int((w+0.5)*vs32)
		if zx >= zw || zy >= zh {
			continue
		}
		k := int32(zy*zw + zx)
		dx, dy, dz := fx-px, fy-py, fz-pz
		dot := q.n[0]*dx + q.n[1]*dy + q.n[2]*dz
		if nc == len(cand) {
			cand = append(cand, colourCand{})
			cand = cand[:cap(cand)]
		}
		cd := &cand[nc]
		nc++
		cd.v, cd.k, cd.depth = v, k, z
		cd.mx, cd.my = pr.ma*u+pr.mb, pr.ma*w+pr.mc
		cd.dot, cd.d2 = dot, dx*dx+dy*dy+dz*dz
		if z < zb[k] {
			zb[k] = z
		}
	}
	cand = cand[:nc]
	cc.cand = cand
}

// facingVerts returns the indices of the vertices that face a camera at
// (fx, fy, fz), in dst's storage.
func facingVerts(dst []int32, vx []colourVtx, fx, fy, fz float32) []int32 {
	if cap(dst) < len(vx) {
		dst = make([]int32, len(vx))
	}
	dst = dst[:len(vx)]
	n := 0
	for v := range vx {
		q := &vx[v]
		// Written always, kept when the vertex faces the camera.
		dst[n] = int32(v)
		if q.n[0]*fx+q.n[1]*fy+q.n[2]*fz > q.np {
			n++
		}
	}
	return dst[:n]
}

// sample computes camera ci's weighted colour of the candidates its
// z-buffer shows it sees.
func (e *cpu) sample(ci int) {
	c := &e.cams[ci]
	cc := e.ccol[ci]
	// Depth tolerance: a few cells, plus the depth a z-buffer pixel can
	// span on a slanted surface.
	tol := float32(math.Max(4*e.g.s, 0.015))
	zb, cand := cc.zbuf, cc.cand
	nc := len(cand)
	// At most one sample per candidate, written in place.
	if cap(cc.out) < nc {
		cc.out = make([]colourSample, nc)
	}
	out := cc.out[:nc]
	ns := 0
	pix, col := c.view.Mask.Pix, c.view.Color
	mw, mh := c.mw, c.mh
	for i := range cand {
		cd := &cand[i]
		if cd.depth > zb[cd.k]+tol {
			continue // hidden
		}
		cos := cd.dot / float32(math.Sqrt(float64(cd.d2)))
		if cos <= 0.05 {
			continue
		}
		wt := cos * cos
		wt *= wt
		// The common case of sampleColour inlined: the four pixels
		// around the sample are in the crop and inside the mask.
		if x, y := cd.mx, cd.my; x >= 0 && y >= 0 {
			i0, j0 := int(x), int(y)
			if i0+1 < mw && j0+1 < mh {
				k0 := j0*mw + i0
				k1 := k0 + mw
				if p0, p1 := pix[k0:k0+2:k0+2], pix[k1:k1+2:k1+2]; p0[0] != 0 && p0[1] != 0 && p1[0] != 0 && p1[1] != 0 {
					fx, fy := x-float32(i0), y-float32(j0)
					q0 := col[3*k0 : 3*k0+6 : 3*k0+6]
					q1 := col[3*k1 : 3*k1+6 : 3*k1+6]
					r0, r1 := float32(q0[0]), float32(q1[0])
					g0, g1 := float32(q0[1]), float32(q1[1])
					b0, b1 := float32(q0[2]), float32(q1[2])
					r0 += fx * (float32(q0[3]) - r0)
					r1 += fx * (float32(q1[3]) - r1)
					g0 += fx * (float32(q0[4]) - g0)
					g1 += fx * (float32(q1[4]) - g1)
					b0 += fx * (float32(q0[5]) - b0)
					b1 += fx * (float32(q1[5]) - b1)
					o := &out[ns]
					ns++
					o.v, o.w = cd.v, wt
					o.r, o.g, o.b = wt*(r0+fy*(r1-r0)), wt*(g0+fy*(g1-g0)), wt*(b0+fy*(b1-b0))
					continue
				}
			}
		}
		rgb, ok := c.sampleColour(float64(cd.mx), float64(cd.my))
		if !ok {
			continue
		}
		o := &out[ns]
		ns++
		o.v, o.w = cd.v, wt
		o.r, o.g, o.b = wt*rgb[0], wt*rgb[1], wt*rgb[2]
	}
	cc.out = out[:ns]
}

// colourCams appends the cameras with a colour crop in the current frame
// set to dst.
func (e *cpu) colourCams(dst []int) []int {
	for i := range e.cams {
		if e.cams[i].present && e.cams[i].view.HasColor() {
			dst = append(dst, i)
		}
	}
	return dst
}

// proj32 is a camera's projection in float32 for the colour stage, where
// the vertices are float32 already: the rounding moves a projection by
// about 1e-4 pixel, far below the z-buffer's and the colour's resolution.
type proj32 struct {
	r                  [9]float32
	t                  [3]float32
	fx, fy, cx, cy     float32
	k1, k2, k3, p1, p2 float32
	tp1, tp2           float32 // 2·p1, 2·p2 (camTab.distort)
	r2max              float32
	distorted          bool
	// Mask pixel coordinates of full-image pixel (u, w): ma·u + mb,
	// ma·w + mc (View.MaskCoord).
	ma, mb, mc float32
}

func (c *camTab) proj32() proj32 {
	p := proj32{
		fx: float32(c.fx), fy: float32(c.fy), cx: float32(c.cx), cy: float32(c.cy),
		k1: float32(c.k1), k2: float32(c.k2), k3: float32(c.k3), p1: float32(c.p1), p2: float32(c.p2),
		tp1: float32(c.tp1), tp2: float32(c.tp2),
		r2max: float32(c.r2max), distorted: c.distorted,
		ma: float32(c.s), mb: float32((0.5-c.ox)*c.s - 0.5), mc: float32((0.5-c.oy)*c.s - 0.5),
	}
	for i := range p.r {
		p.r[i] = float32(c.r[i])
	}
	for i := range p.t {
		p.t[i] = float32(c.t[i])
	}
	return p
}

// project is camTab.project in float32.
func (p *proj32) project(px, py, pz float32) (u, w, z float32, ok bool) {
	z = p.r[6]*px + p.r[7]*py + p.r[8]*pz + p.t[2]
	if !(z >= zNear) {
		return 0, 0, z, false
	}
	iz := 1 / z
	x := (p.r[0]*px + p.r[1]*py + p.r[2]*pz + p.t[0]) * iz
	y := (p.r[3]*px + p.r[4]*py + p.r[5]*pz + p.t[1]) * iz
	if p.distorted {
		r2 := x*x + y*y
		if r2 > p.r2max {
			return 0, 0, z, false
		}
		t := 1 + r2*(p.k1+r2*(p.k2+r2*p.k3)) + p.tp1*y + p.tp2*x
		x, y = x*t+p.p2*r2, y*t+p.p1*r2
	}
	return p.fx*x + p.cx, p.fy*y + p.cy, z, true
}

// sampleColour reads the colour crop at mask pixel coordinates (x, y)
// (View.MaskCoord of a full-image pixel), bilinearly over the inside
// pixels of the mask only, so that background next to the silhouette does
// not bleed in.
func (c *camTab) sampleColour(x, y float64) ([3]float32, bool) {
	i0, j0 := floorInt(x), floorInt(y)
	fx, fy := float32(x-float64(i0)), float32(y-float64(j0))
	var acc [3]float32
	pix, col := c.view.Mask.Pix, c.view.Color
	mw := c.mw
	if i0 >= 0 && j0 >= 0 && i0+1 < mw && j0+1 < c.mh {
		// Common case: the four pixels are in the crop and all inside.
		k := j0*mw + i0
		if p := pix[k : k+mw+2]; p[0] != 0 && p[1] != 0 && p[mw] != 0 && p[mw+1] != 0 {
			q0 := col[3*k : 3*k+6 : 3*k+6]
			q1 := col[3*(k+mw) : 3*(k+mw)+6 : 3*(k+mw)+6]
			for ch := 0; ch < 3; ch++ {
				a, b := float32(q0[ch]), float32(q1[ch])
				top := a + fx*(float32(q0[3+ch])-a)
				bot := b + fx*(float32(q1[3+ch])-b)
				acc[ch] = top + fy*(bot-top)
			}
			return acc, true
		}
	}
	// Some of the four pixels are outside the crop or the mask: weight the
	// inside ones (with a floor, so that a sample right on an outside
	// pixel still reads its inside neighbours).
	var wsum float32
	tap := func(i, j int, w float32) {
		if i < 0 || j < 0 || i >= mw || j >= c.mh || pix[j*mw+i] == 0 {
			return
		}
		w += 1e-6
		k := 3 * (j*mw + i)
		acc[0] += w * float32(col[k])
		acc[1] += w * float32(col[k+1])
		acc[2] += w * float32(col[k+2])
		wsum += w
	}
	tap(i0, j0, (1-fx)*(1-fy))
	tap(i0+1, j0, fx*(1-fy))
	tap(i0, j0+1, (1-fx)*fy)
	tap(i0+1, j0+1, fx*fy)
	if wsum == 0 {
		return acc, false
	}
	return [3]float32{acc[0] / wsum, acc[1] / wsum, acc[2] / wsum}, true
}

// fillInf sets every element of zb to +Inf (doubling copies: memmove
// instead of a store per element).
func fillInf(zb []float32) {
	if len(zb) == 0 {
		return
	}
	zb[0] = float32(math.Inf(1))
	for n := 1; n < len(zb); n *= 2 {
		copy(zb[n:], zb[:n])
	}
}

func toByte(v float64) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}
