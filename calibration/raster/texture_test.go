package raster

import (
	"math"
	"math/rand"
	"testing"

	"cloudme.dev/calibration/rig"
)

func randomTexture(w, h int, seed int64) *Texture {
	rng := rand.New(rand.NewSource(seed))
	t := &Texture{Width: w, Height: h, Pix: make([]uint8, 3*w*h)}
	for i := range t.Pix {
		t.Pix[i] = uint8(rng.Intn(256))
	}
	return t
}

func TestTextureSample(t *testing.T) {
	t.Parallel()
	tex := &Texture{Width: 2, Height: 2, Pix: []uint8{
		0, 0, 0, 100, 0, 0,
		0, 200, 0, 100, 200, 40,
	}}
	tests := []struct {
		name string
		u, v float64
		want [3]float64
	}{
		{"texel 0 centre", 0.25, 0.25, [3]float64{0, 0, 0}},
		{"texel 1 centre", 0.75, 0.25, [3]float64{100, 0, 0}},
		{"texel 3 centre", 0.75, 0.75, [3]float64{100, 200, 40}},
		{"between 0 and 1", 0.5, 0.25, [3]float64{50, 0, 0}},
		{"middle", 0.5, 0.5, [3]float64{50, 100, 10}},
		{"wraps right", 1.25, 0.25, [3]float64{0, 0, 0}},
		{"wraps negative", -0.25, -0.25, [3]float64{100, 200, 40}},
		{"wraps between edges", 0, 0.25, [3]float64{50, 0, 0}},
		{"NaN is black", math.NaN(), 0.5, [3]float64{}},
		{"Inf is black", 0.5, math.Inf(-1), [3]float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := tex.Sample(tc.u, tc.v)
			for k := range got {
				if math.Abs(got[k]-tc.want[k]) > 1e-9 {
					t.Fatalf("Sample(%g, %g) = %v, want %v", tc.u, tc.v, got, tc.want)
				}
			}
		})
	}
}

// TestTexturedQuad draws a strongly slanted textured quad and compares
// pixels with the texture sampled at the analytic UV of the ray's hit point;
// affine (not perspective-correct) interpolation would miss by many texels.
func TestTexturedQuad(t *testing.T) {
	t.Parallel()
	const w, h = 240, 180
	cam := testCamera(t, w, h, 200, [3]float64{0, 1, 1.2}, [3]float64{0, 0.6, -1}, rig.Distortion{})
	o, u, v := [3]float64{-0.6, 0, 0.4}, [3]float64{1.2, 0, 0}, [3]float64{0, 1.3, -2.5}
	m, uv := gridQuad(o, u, v, 1)
	tex := randomTexture(16, 16, 1)
	dst := NewTarget(w, h)
	if err := NewRenderer(2).Render(dst, cam, []Surface{{Mesh: m, UV: uv, Texture: tex}}, Options{}); err != nil {
		t.Fatal(err)
	}
	nrm := cross(u, v)
	checked, maxErr, maxAffine := 0, 0.0, 0.0
	for y := 2; y < h; y += 7 {
		for x := 3; x < w; x += 7 {
			oc, d := cam.Ray([2]float64{float64(x), float64(y)})
			s := dot(nrm, sub(o, oc)) / dot(nrm, d)
			rel := sub([3]float64{oc[0] + s*d[0], oc[1] + s*d[1], oc[2] + s*d[2]}, o)
			// u and v are orthogonal, so the coordinates are projections.
			su, sv := dot(rel, u)/dot(u, u), dot(rel, v)/dot(v, v)
			if su < 0.02 || su > 0.98 || sv < 0.02 || sv > 0.98 || math.Abs(su-sv) < 0.02 {
				continue // near the quad's border or its diagonal
			}
			i := y*w + x
			if dst.Mask[i] != 255 {
				t.Fatalf("pixel (%d,%d) at UV (%.3f,%.3f) not drawn", x, y, su, sv)
			}
			want := tex.Sample(su, sv)
			for k := 0; k < 3; k++ {
				maxErr = math.Max(maxErr, math.Abs(float64(dst.Color[3*i+k])-want[k]))
			}
			// What screen-space (affine) interpolation would have given.
			a, b, c := [3]float64{}, [3]float64{1, 0, 0}, [3]float64{1, 1, 0}
			if sv > su {
				b, c = [3]float64{1, 1, 0}, [3]float64{0, 1, 0}
			}
			proj := func(st [3]float64) pt {
				p := [3]float64{o[0] + st[0]*u[0] + st[1]*v[0], o[1] + st[0]*u[1] + st[1]*v[1], o[2] + st[0]*u[2] + st[1]*v[2]}
				px, _ := cam.Project(p)
				return pt{px[0], px[1]}
			}
			pa, pb, pc := proj(a), proj(b), proj(c)
			det := (pb.x-pa.x)*(pc.y-pa.y) - (pc.x-pa.x)*(pb.y-pa.y)
			l1 := ((float64(x)-pa.x)*(pc.y-pa.y) - (pc.x-pa.x)*(float64(y)-pa.y)) / det
			l2 := ((pb.x-pa.x)*(float64(y)-pa.y) - (float64(x)-pa.x)*(pb.y-pa.y)) / det
			aff := tex.Sample(l1*b[0]+l2*c[0], l1*b[1]+l2*c[1])
			for k := 0; k < 3; k++ {
				maxAffine = math.Max(maxAffine, math.Abs(float64(dst.Color[3*i+k])-aff[k]))
			}
			checked++
		}
	}
	if maxAffine < 30 {
		t.Errorf("affine interpolation would differ by only %.1f: the scene does not test perspective correction", maxAffine)
	}
	if checked < 100 {
		t.Fatalf("only %d pixels checked; the test scene is wrong", checked)
	}
	if maxErr > 1.5 {
		t.Errorf("largest colour error %.1f over %d pixels, want <= 1.5", maxErr, checked)
	}
}

func TestTextureCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tex  Texture
		ok   bool
	}{
		{"good", Texture{Width: 2, Height: 1, Pix: make([]uint8, 6)}, true},
		{"zero size", Texture{}, false},
		{"short pixels", Texture{Width: 2, Height: 2, Pix: make([]uint8, 6)}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.tex.check(); (err == nil) != tc.ok {
				t.Fatalf("check() = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// sampleReference is Sample as first written, with math.Floor and slices:
// the faster Sample must match it bit for bit.
func sampleReference(t *Texture, u, v float64) [3]float64 {
	x := u*float64(t.Width) - 0.5
	y := v*float64(t.Height) - 0.5
	if !(math.Abs(x) < maxTexCoord && math.Abs(y) < maxTexCoord) {
		return [3]float64{}
	}
	fx, fy := math.Floor(x), math.Floor(y)
	ax, ay := x-fx, y-fy
	wrapF := func(f float64, n int) int {
		i := int(f) % n
		if i < 0 {
			i += n
		}
		return i
	}
	x0, y0 := wrapF(fx, t.Width), wrapF(fy, t.Height)
	x1, y1 := (x0+1)%t.Width, (y0+1)%t.Height
	r0, r1 := 3*y0*t.Width, 3*y1*t.Width
	p00, p10 := t.Pix[r0+3*x0:r0+3*x0+3], t.Pix[r0+3*x1:r0+3*x1+3]
	p01, p11 := t.Pix[r1+3*x0:r1+3*x0+3], t.Pix[r1+3*x1:r1+3*x1+3]
	var c [3]float64
	for k := 0; k < 3; k++ {
		top := float64(p00[k]) + ax*(float64(p10[k])-float64(p00[k]))
		bot := float64(p01[k]) + ax*(float64(p11[k])-float64(p01[k]))
		c[k] = top + ay*(bot-top)
	}
	return c
}

func TestTextureSampleMatchesReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(3))
	for _, tex := range []*Texture{randomTexture(1, 1, 1), randomTexture(7, 3, 2), randomTexture(64, 64, 3)} {
		coords := []float64{0, -0, 0.5, 1, -1, 1e-300, -1e-300, 1e15, -1e15, 4e15, math.Nextafter(0, 1)}
		for i := 0; i < 2000; i++ {
			coords = append(coords, rng.Float64()*4-2, float64(rng.Intn(41)-20)/float64(2*tex.Width))
		}
		for _, u := range coords {
			for _, v := range coords[:40] {
				got, want := tex.Sample(u, v), sampleReference(tex, u, v)
				for k := range got {
					if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
						t.Fatalf("%dx%d Sample(%g, %g) = %v, reference %v", tex.Width, tex.Height, u, v, got, want)
					}
				}
			}
		}
	}
}
