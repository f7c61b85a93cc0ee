package raster

import (
	"math"
)

// Fixed-point pixel coordinates for the edge functions: subBits fractional
// bits (1/256 pixel).
const (
	subBits = 8
	subOne  = 1 << subBits
	// maxFixed bounds |fixed coordinate| so that edge-function products fit
	// in int64 with room to spare: (2^31)^2 * 2 < 2^63.
	maxFixed = 1 << 30
)

// maxSize is the largest target width or height.
const maxSize = 1 << 15

// Outcodes: which clip half-spaces a camera-frame vertex lies outside of.
const (
	ocNear   uint32 = 1 << iota // z < nearZ
	ocRight                     // x > gx z
	ocLeft                      // x < -gx z
	ocBottom                    // y > gy z
	ocTop                       // y < -gy z
	ocFar                       // projects beyond the fixed-point range
	ocClip   = ocNear | ocRight | ocLeft | ocBottom | ocTop
)

// vert is one vertex after the vertex stage: projected position, inverse
// depth and the attributes to interpolate.
type vert struct {
	sx, sy  float64 // pixel position, distortion applied
	iz      float64 // 1/z, z camera-frame depth
	r, g, b float32 // colour 0..255, lit
	u, v    float32 // texture coordinates
	fx, fy  int32   // sx, sy in fixed point
	oc      uint32  // outcodes; the fields above except colour and UV are valid only when oc&ocClip == 0
}

// outcode classifies a camera-frame point against the clip half-spaces.
func (v *view) outcode(x, y, z float64) uint32 {
	var oc uint32
	if z < nearZ {
		oc |= ocNear
	}
	if x > v.gx*z {
		oc |= ocRight
	}
	if x < -v.gx*z {
		oc |= ocLeft
	}
	if y > v.gy*z {
		oc |= ocBottom
	}
	if y < -v.gy*z {
		oc |= ocTop
	}
	return oc
}

// project fills the position fields of vt from a camera-frame point with
// z >= nearZ and returns the outcodes with ocFar added when it falls
// outside the fixed-point range.
func (v *view) project(vt *vert, x, y, z float64, oc uint32) {
	iz := 1 / z
	sx, sy := v.proj.project(x, y, iz)
	vt.sx, vt.sy, vt.iz = sx, sy, iz
	fx, fy := sx*subOne, sy*subOne
	if !(math.Abs(fx) < maxFixed && math.Abs(fy) < maxFixed) { // NaN too
		vt.oc = oc | ocFar
		return
	}
	vt.fx, vt.fy = roundFixed(fx), roundFixed(fy)
	vt.oc = oc
}

// roundFixed rounds f (|f| < maxFixed) to the nearest integer, halves away
// from zero.
func roundFixed(f float64) int32 {
	if f < 0 {
		return -int32(-f + 0.5)
	}
	return int32(f + 0.5)
}

// shading holds what the vertex stage needs beyond the view.
type shading struct {
	lit     bool
	dir     [3]float64 // unit direction towards the light
	ambient float64
}

// transformSurface runs the vertex stage for vertices [i0, i1) of s, writing
// out[0 : i1-i0]. normals are the vertex normals when sh.lit.
func (v *view) transformSurface(s *Surface, normals []float32, sh *shading, i0, i1 int, out []vert) {
	m := s.Mesh
	pos := m.Positions
	cols := m.Colors
	uv := s.UV
	R, T := &v.r, &v.t
	for i := i0; i < i1; i++ {
		vt := &out[i-i0]
		wx, wy, wz := float64(pos[3*i]), float64(pos[3*i+1]), float64(pos[3*i+2])
		x := R[0]*wx + R[1]*wy + R[2]*wz + T[0]
		y := R[3]*wx + R[4]*wy + R[5]*wz + T[1]
		z := R[6]*wx + R[7]*wy + R[8]*wz + T[2]
		if oc := v.outcode(x, y, z); oc == 0 {
			v.project(vt, x, y, z, 0)
		} else {
			vt.oc = oc
		}
		r, g, b := float32(255), float32(255), float32(255)
		if len(cols) != 0 {
			r, g, b = float32(cols[3*i]), float32(cols[3*i+1]), float32(cols[3*i+2])
		}
		if sh.lit {
			d := float64(normals[3*i])*sh.dir[0] + float64(normals[3*i+1])*sh.dir[1] + float64(normals[3*i+2])*sh.dir[2]
			k := float32(sh.ambient + (1-sh.ambient)*max(d, 0))
			r, g, b = r*k, g*k, b*k
		}
		vt.r, vt.g, vt.b = r, g, b
		if len(uv) != 0 {
			vt.u, vt.v = uv[2*i], uv[2*i+1]
		} else {
			vt.u, vt.v = 0, 0
		}
	}
}
