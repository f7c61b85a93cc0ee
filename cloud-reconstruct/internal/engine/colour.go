package engine

import (
	"math"

	"cloudme.dev/proto/mesh"
)

// greyLevel is the colour of vertices that no camera sees.
const greyLevel = 128

// camColour is one camera's share of the colour stage: where each
// vertex lands in its z-buffer and what it contributes.
type camColour struct {
	zbuf  []float32
	pix   []int32   // z-buffer pixel of each vertex, -1 when not facing or outside
	depth []float32 // camera-frame depth of each vertex
	uv    []float32 // its pixel
	rgbw  []float32 // weighted colour and weight per vertex
}

// colour fills out.Colors: visibility by z-buffers of the mesh's own
// vertices splatted at reduced resolution, colours blended by cos^4 of
// the viewing angle. Each camera projects every vertex once, in parallel
// with the other cameras; a last pass sums the cameras per vertex.
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
		cc.depth = grow(cc.depth, nv)
		cc.rgbw = grow(cc.rgbw, 4*nv)
		cc.uv = grow(cc.uv, 2*nv)
		if cap(cc.pix) < nv {
			cc.pix = make([]int32, nv)
		}
		cc.pix = cc.pix[:nv]
		zb := cc.zbuf
		inf := float32(math.Inf(1))
		for i := range zb {
			zb[i] = inf
		}
		for v := 0; v < nv; v++ {
			cc.pix[v] = -1
			p := [3]float64{float64(pos[3*v]), float64(pos[3*v+1]), float64(pos[3*v+2])}
			if !facing(c, p, normals[3*v:3*v+3]) {
				continue
			}
			u, w, z, ok := c.project(p)
			if !ok || u < -0.5 || w < -0.5 {
				continue
			}
			x, y := int((u+0.5)*vs), int((w+0.5)*vs)
			if x >= zw || y >= zh {
				continue
			}
			k := int32(y*zw + x)
			cc.pix[v], cc.depth[v] = k, float32(z)
			cc.uv[2*v], cc.uv[2*v+1] = float32(u), float32(w)
			if float32(z) < zb[k] {
				zb[k] = float32(z)
			}
		}
		for v := 0; v < nv; v++ {
			acc := cc.rgbw[4*v : 4*v+4]
			acc[0], acc[1], acc[2], acc[3] = 0, 0, 0, 0
			k := cc.pix[v]
			if k < 0 || cc.depth[v] > zb[k]+tol {
				continue
			}
			p := [3]float64{float64(pos[3*v]), float64(pos[3*v+1]), float64(pos[3*v+2])}
			d := sub3(c.center, p)
			n := normals[3*v : 3*v+3]
			cos := (float64(n[0])*d[0] + float64(n[1])*d[1] + float64(n[2])*d[2]) / math.Sqrt(dot3(d, d))
			if cos <= 0.05 {
				continue
			}
			rgb, ok := c.sampleColour(float64(cc.uv[2*v]), float64(cc.uv[2*v+1]))
			if !ok {
				continue
			}
			wt := cos * cos
			wt *= wt
			acc[0], acc[1], acc[2], acc[3] = float32(wt*rgb[0]), float32(wt*rgb[1]), float32(wt*rgb[2]), float32(wt)
		}
	})
	parallelFor(nv, e.cfg.Workers, func(_, lo, hi int) {
		for v := lo; v < hi; v++ {
			var r, g, b, wsum float32
			for _, ci := range cams {
				acc := e.ccol[ci].rgbw[4*v : 4*v+4]
				r, g, b, wsum = r+acc[0], g+acc[1], b+acc[2], wsum+acc[3]
			}
			o := out.Colors[3*v : 3*v+3]
			if wsum == 0 {
				o[0], o[1], o[2] = greyLevel, greyLevel, greyLevel
				continue
			}
			o[0], o[1], o[2] = toByte(float64(r/wsum)), toByte(float64(g/wsum)), toByte(float64(b/wsum))
		}
	})
}

// facing reports whether the surface at p with normal n faces camera c.
func facing(c *camTab, p [3]float64, n []float32) bool {
	d := sub3(c.center, p)
	return float64(n[0])*d[0]+float64(n[1])*d[1]+float64(n[2])*d[2] > 0
}

// sampleColour reads the colour crop at full-image pixel (u, v),
// bilinearly over the inside pixels of the mask only, so that background
// next to the silhouette does not bleed in.
func (c *camTab) sampleColour(u, v float64) ([3]float64, bool) {
	x, y := c.view.MaskCoord(u, v)
	i0, j0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(i0), y-float64(j0)
	var acc [3]float64
	wsum := 0.0
	pix, col := c.view.Mask.Pix, c.view.Color
	for dj := 0; dj < 2; dj++ {
		for di := 0; di < 2; di++ {
			i, j := i0+di, j0+dj
			if i < 0 || j < 0 || i >= c.mw || j >= c.mh || pix[j*c.mw+i] == 0 {
				continue
			}
			wx, wy := 1-fx, 1-fy
			if di == 1 {
				wx = fx
			}
			if dj == 1 {
				wy = fy
			}
			w := wx*wy + 1e-6
			k := 3 * (j*c.mw + i)
			acc[0] += w * float64(col[k])
			acc[1] += w * float64(col[k+1])
			acc[2] += w * float64(col[k+2])
			wsum += w
		}
	}
	if wsum == 0 {
		return acc, false
	}
	return [3]float64{acc[0] / wsum, acc[1] / wsum, acc[2] / wsum}, true
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
