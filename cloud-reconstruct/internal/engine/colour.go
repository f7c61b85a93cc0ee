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
	cand []colourCand
	out  []colourSample
}

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
// the viewing angle. Each camera projects the vertices that face it once,
// in parallel with the other cameras; a last pass sums the cameras'
// samples per vertex.
func (e *cpu) colour(out *mesh.Mesh, normals []float32) {
	nv := len(out.Positions) / 3
	out.Colors = growU8(out.Colors, 3*nv)
	var cams []int
	for i := range e.cams {
		if e.cams[i].present && e.cams[i].view.HasColor() {
			cams = append(cams, i)
		}
	}
	for len(e.ccol) < len(e.cams) {
		e.ccol = append(e.ccol, &camColour{})
	}
	vs := e.cfg.VisibilityScale
	// Depth tolerance: a few cells, plus the depth a z-buffer pixel can
	// span on a slanted surface.
	tol := float32(math.Max(4*e.g.s, 0.015))
	pos := out.Positions
	parallelEach(len(cams), e.cfg.Workers, func(_, ci int) {
		c := &e.cams[cams[ci]]
		cc := e.ccol[cams[ci]]
		zw, zh := int(math.Ceil(c.w*vs)), int(math.Ceil(c.h*vs))
		cc.zbuf = grow(cc.zbuf, zw*zh)
		zb := cc.zbuf
		inf := float32(math.Inf(1))
		for i := range zb {
			zb[i] = inf
		}
		cand := cc.cand[:0]
		fx, fy, fz := float32(c.center[0]), float32(c.center[1]), float32(c.center[2])
		for v := 0; v < nv; v++ {
			q := pos[3*v : 3*v+3 : 3*v+3]
			n := normals[3*v : 3*v+3 : 3*v+3]
			dx, dy, dz := fx-q[0], fy-q[1], fz-q[2]
			dot := n[0]*dx + n[1]*dy + n[2]*dz
			if dot <= 0 {
				continue // facing away
			}
			u, w, z, ok := c.project([3]float64{float64(q[0]), float64(q[1]), float64(q[2])})
			if !ok || u < -0.5 || w < -0.5 {
				continue
			}
			x, y := int((u+0.5)*vs), int((w+0.5)*vs)
			if x >= zw || y >= zh {
				continue
			}
			k := int32(y*zw + x)
			cand = append(cand, colourCand{v: int32(v), k: k, depth: float32(z),
				mx: float32((u-c.ox+0.5)*c.s - 0.5), my: float32((w-c.oy+0.5)*c.s - 0.5),
				dot: dot, d2: dx*dx + dy*dy + dz*dz})
			if float32(z) < zb[k] {
				zb[k] = float32(z)
			}
		}
		cc.cand = cand
		out := cc.out[:0]
		for i := range cand {
			cd := &cand[i]
			if cd.depth > zb[cd.k]+tol {
				continue // hidden
			}
			cos := cd.dot / float32(math.Sqrt(float64(cd.d2)))
			if cos <= 0.05 {
				continue
			}
			rgb, ok := c.sampleColour(float64(cd.mx), float64(cd.my))
			if !ok {
				continue
			}
			wt := cos * cos
			wt *= wt
			out = append(out, colourSample{v: cd.v, r: wt * rgb[0], g: wt * rgb[1], b: wt * rgb[2], w: wt})
		}
		cc.out = out
	})
	// Each camera's samples are in vertex order: the workers sum the
	// samples of their own vertex range, camera after camera (the same
	// order of additions as one pass over the cameras).
	acc := grow(e.cacc, 4*nv)
	e.cacc = acc
	parallelFor(nv, e.cfg.Workers, func(_, lo, hi int) {
		a := acc[4*lo : 4*hi]
		clear(a)
		for _, ci := range cams {
			smp := e.ccol[ci].out
			s0, _ := slices.BinarySearchFunc(smp, int32(lo), func(s colourSample, v int32) int { return cmp.Compare(s.v, v) })
			for _, s := range smp[s0:] {
				if int(s.v) >= hi {
					break
				}
				a := acc[4*s.v : 4*s.v+4 : 4*s.v+4]
				a[0] += s.r
				a[1] += s.g
				a[2] += s.b
				a[3] += s.w
			}
		}
		for v := lo; v < hi; v++ {
			a := acc[4*v : 4*v+4 : 4*v+4]
			o := out.Colors[3*v : 3*v+3 : 3*v+3]
			if a[3] == 0 {
				o[0], o[1], o[2] = greyLevel, greyLevel, greyLevel
				continue
			}
			o[0], o[1], o[2] = toByte(float64(a[0]/a[3])), toByte(float64(a[1]/a[3])), toByte(float64(a[2]/a[3]))
		}
	})
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

func toByte(v float64) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}
