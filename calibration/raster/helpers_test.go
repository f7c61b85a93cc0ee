package raster

import (
	"math"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/mesh"
)

// testCamera returns a w x h camera at eye looking at target with focal
// length f pixels and distortion d.
func testCamera(t testing.TB, w, h int, f float64, eye, target [3]float64, d rig.Distortion) *rig.Camera {
	t.Helper()
	pose, err := rig.LookAt(eye, target, [3]float64{0, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	return &rig.Camera{
		ID: 0, Width: w, Height: h,
		K:    rig.Intrinsics{Fx: f, Fy: f, Cx: float64(w-1) / 2, Cy: float64(h-1) / 2},
		D:    d,
		Pose: pose,
	}
}

// gridQuad returns the parallelogram origin + s*u + t*v, s, t in [0, 1],
// tessellated into n x n cells, counter-clockwise seen from the side u x v
// points to, with UV (s, t) per vertex.
func gridQuad(origin, u, v [3]float64, n int) (*mesh.Mesh, []float32) {
	m := &mesh.Mesh{}
	var uv []float32
	for j := 0; j <= n; j++ {
		for i := 0; i <= n; i++ {
			s, t := float64(i)/float64(n), float64(j)/float64(n)
			for k := 0; k < 3; k++ {
				m.Positions = append(m.Positions, float32(origin[k]+s*u[k]+t*v[k]))
			}
			uv = append(uv, float32(s), float32(t))
		}
	}
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			a := uint32(j*(n+1) + i)
			b, c, d := a+1, a+uint32(n+1)+1, a+uint32(n+1)
			m.Indices = append(m.Indices, a, b, c, a, c, d)
		}
	}
	return m, uv
}

// appendMesh appends b to a.
func appendMesh(a, b *mesh.Mesh) {
	base := uint32(a.VertexCount())
	a.Positions = append(a.Positions, b.Positions...)
	a.Colors = append(a.Colors, b.Colors...)
	for _, i := range b.Indices {
		a.Indices = append(a.Indices, base+i)
	}
}

// box returns the axis-aligned box [lo, hi], each face tessellated n x n,
// outward-facing.
func box(lo, hi [3]float64, n int) *mesh.Mesh {
	m := &mesh.Mesh{}
	d := [3]float64{hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]}
	ex := [3]float64{d[0], 0, 0}
	ey := [3]float64{0, d[1], 0}
	ez := [3]float64{0, 0, d[2]}
	add := func(o, u, v [3]float64) {
		q, _ := gridQuad(o, u, v, n)
		appendMesh(m, q)
	}
	add(lo, ey, ex)                              // -z face: ey x ex = -z
	add([3]float64{lo[0], lo[1], hi[2]}, ex, ey) // +z
	add(lo, ez, ey)                              // -x: ez x ey = -x
	add([3]float64{hi[0], lo[1], lo[2]}, ey, ez) // +x
	add(lo, ex, ez)                              // -y: ex x ez = -y
	add([3]float64{lo[0], hi[1], lo[2]}, ez, ex) // +y
	return m
}

// sphere returns a UV sphere of radius rad at c with the given stacks and
// slices, outward-facing, coloured by position.
func sphere(c [3]float64, rad float64, stacks, slices int) *mesh.Mesh {
	m := &mesh.Mesh{}
	for i := 0; i <= stacks; i++ {
		th := math.Pi * float64(i) / float64(stacks)
		for j := 0; j < slices; j++ {
			ph := 2 * math.Pi * float64(j) / float64(slices)
			p := [3]float64{math.Sin(th) * math.Cos(ph), math.Cos(th), math.Sin(th) * math.Sin(ph)}
			for k := 0; k < 3; k++ {
				m.Positions = append(m.Positions, float32(c[k]+rad*p[k]))
				m.Colors = append(m.Colors, uint8(127.5+127*p[k]))
			}
		}
	}
	at := func(i, j int) uint32 { return uint32(i*slices + (j % slices)) }
	for i := 0; i < stacks; i++ {
		for j := 0; j < slices; j++ {
			a, b, cc, d := at(i, j), at(i, j+1), at(i+1, j+1), at(i+1, j)
			// Outward: seen from outside, (a, b, c) runs counter-clockwise.
			m.Indices = append(m.Indices, a, b, cc, a, cc, d)
		}
	}
	return m
}
