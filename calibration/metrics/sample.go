package metrics

import (
	"math"
	"math/rand"
	"sort"

	"cloudme.dev/proto/mesh"
)

// SampleSurface returns n points drawn uniformly over the surface of m
// (each triangle chosen with probability proportional to its area, then a
// uniform point in it), reproducibly from seed. It returns nil when n <= 0
// or when m is nil, malformed (mesh.Validate) or has no area.
func SampleSurface(m *mesh.Mesh, n int, seed int64) [][3]float64 {
	if n <= 0 || m == nil || m.Validate() != nil || m.TriangleCount() == 0 {
		return nil
	}
	nt := m.TriangleCount()
	cum := make([]float64, nt)
	total := 0.0
	for t := 0; t < nt; t++ {
		a, b, c := corner(m, t, 0), corner(m, t, 1), corner(m, t, 2)
		total += triArea(a, b, c)
		cum[t] = total
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil
	}
	rng := rand.New(rand.NewSource(seed))
	out := make([][3]float64, n)
	for i := range out {
		r := rng.Float64() * total
		t := sort.SearchFloat64s(cum, r)
		for t < nt-1 && cum[t] <= r { // skip zero-area triangles at the boundary
			t++
		}
		t = min(t, nt-1)
		a, b, c := corner(m, t, 0), corner(m, t, 1), corner(m, t, 2)
		// Uniform in the triangle: fold the unit square's upper half.
		u, v := rng.Float64(), rng.Float64()
		if u+v > 1 {
			u, v = 1-u, 1-v
		}
		for k := 0; k < 3; k++ {
			out[i][k] = a[k] + u*(b[k]-a[k]) + v*(c[k]-a[k])
		}
	}
	return out
}

// corner returns vertex k of triangle t of m.
func corner(m *mesh.Mesh, t, k int) [3]float64 {
	i := 3 * int(m.Indices[3*t+k])
	return [3]float64{float64(m.Positions[i]), float64(m.Positions[i+1]), float64(m.Positions[i+2])}
}

// triArea returns the area of triangle abc.
func triArea(a, b, c [3]float64) float64 {
	ux, uy, uz := b[0]-a[0], b[1]-a[1], b[2]-a[2]
	vx, vy, vz := c[0]-a[0], c[1]-a[1], c[2]-a[2]
	x, y, z := uy*vz-uz*vy, uz*vx-ux*vz, ux*vy-uy*vx
	return 0.5 * math.Sqrt(x*x+y*y+z*z)
}
