package engine

import (
	"math/rand/v2"
	"testing"
)

// TestMCTableWatertight runs the table over random fields on a small dense
// grid whose border is outside and checks that every triangle edge is used
// exactly twice, once in each direction (closed, consistently oriented),
// and that the enclosed volume is positive (normals point outwards).
func TestMCTableWatertight(t *testing.T) {
	t.Parallel()
	for seed := uint64(0); seed < 40; seed++ {
		const n = 7
		rng := rand.New(rand.NewPCG(seed, 1))
		f := make([]float64, (n+1)*(n+1)*(n+1))
		at := func(x, y, z int) int { return x + (n+1)*(y+(n+1)*z) }
		for z := 0; z <= n; z++ {
			for y := 0; y <= n; y++ {
				for x := 0; x <= n; x++ {
					v := rng.Float64()*2 - 0.8
					if x == 0 || y == 0 || z == 0 || x == n || y == n || z == n {
						v = -1
					}
					f[at(x, y, z)] = v
				}
			}
		}
		verts := map[[4]int]int{}
		var pos [][3]float64
		var tris [][3]int
		for z := 0; z < n; z++ {
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					cfg := 0
					for v := 0; v < 8; v++ {
						if f[at(x+v&1, y+v>>1&1, z+v>>2&1)] > 0 {
							cfg |= 1 << v
						}
					}
					c := mcTable[cfg]
					for i := 0; i < c.n; i++ {
						var tri [3]int
						for k, e := range c.tri[i] {
							off, a := edgeCorner(int(e))
							key := [4]int{x + off[0], y + off[1], z + off[2], a}
							id, ok := verts[key]
							if !ok {
								p0 := [3]int{key[0], key[1], key[2]}
								p1 := p0
								p1[a]++
								f0, f1 := f[at(p0[0], p0[1], p0[2])], f[at(p1[0], p1[1], p1[2])]
								tt := f0 / (f0 - f1)
								p := [3]float64{float64(p0[0]), float64(p0[1]), float64(p0[2])}
								p[a] += tt
								id = len(pos)
								pos = append(pos, p)
								verts[key] = id
							}
							tri[k] = id
						}
						tris = append(tris, tri)
					}
				}
			}
		}
		if len(tris) == 0 {
			t.Fatalf("seed %d: no triangles", seed)
		}
		directed := map[[2]int]int{}
		for _, tr := range tris {
			for k := 0; k < 3; k++ {
				directed[[2]int{tr[k], tr[(k+1)%3]}]++
			}
		}
		for e, c := range directed {
			if c != 1 || directed[[2]int{e[1], e[0]}] != 1 {
				t.Fatalf("seed %d: edge %v used %d times, reverse %d", seed, e, c, directed[[2]int{e[1], e[0]}])
			}
		}
		vol := 0.0
		for _, tr := range tris {
			vol += dot3(pos[tr[0]], cross3(pos[tr[1]], pos[tr[2]])) / 6
		}
		if vol <= 0 {
			t.Fatalf("seed %d: enclosed volume %g, want > 0 (outward normals)", seed, vol)
		}
	}
}

func TestMCTableCorner(t *testing.T) {
	t.Parallel()
	// One inside corner: one triangle on edges 0, 4, 8 turning x->y->z.
	c := mcTable[1]
	if c.n != 1 {
		t.Fatalf("configuration 1 has %d triangles", c.n)
	}
	tri := c.tri[0]
	rot := map[[3]uint8]bool{{0, 4, 8}: true, {4, 8, 0}: true, {8, 0, 4}: true}
	if !rot[tri] {
		t.Fatalf("configuration 1 triangle %v, want a rotation of [0 4 8]", tri)
	}
	if mcTable[0].n != 0 || mcTable[255].n != 0 {
		t.Fatal("uniform configurations must be empty")
	}
}
