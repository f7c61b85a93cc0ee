package codecbench

import "testing"

// TestBlobbyWatertight checks that every directed edge has exactly one
// opposite twin: closed, manifold along edges, consistently wound.
func TestBlobbyWatertight(t *testing.T) {
	t.Parallel()
	m := Blobby(0.04)
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	if m.TriangleCount() < 1000 || !m.HasColors() {
		t.Fatalf("%d triangles, colours %v", m.TriangleCount(), m.HasColors())
	}
	edges := map[[2]uint32]int{}
	for i := 0; i < len(m.Indices); i += 3 {
		for k := 0; k < 3; k++ {
			edges[[2]uint32{m.Indices[i+k], m.Indices[i+(k+1)%3]}]++
		}
	}
	for e, n := range edges {
		if n != 1 || edges[[2]uint32{e[1], e[0]}] != 1 {
			t.Fatalf("edge %v used %d times, its twin %d", e, n, edges[[2]uint32{e[1], e[0]}])
		}
	}
	lo, hi := m.Bounds()
	if h := hi[1] - lo[1]; h < 1.6 || h > 1.9 {
		t.Fatalf("blobby person is %g m tall", h)
	}
}

func TestBlobbyOutward(t *testing.T) {
	t.Parallel()
	m := Blobby(0.05)
	// The signed volume of a closed mesh wound outwards is positive.
	vol := 0.0
	for i := 0; i < len(m.Indices); i += 3 {
		p := func(k int) [3]float64 {
			v := m.Indices[i+k]
			return [3]float64{float64(m.Positions[3*v]), float64(m.Positions[3*v+1]), float64(m.Positions[3*v+2])}
		}
		a, b, c := p(0), p(1), p(2)
		vol += (a[0]*(b[1]*c[2]-b[2]*c[1]) - a[1]*(b[0]*c[2]-b[2]*c[0]) + a[2]*(b[0]*c[1]-b[1]*c[0])) / 6
	}
	if vol <= 0.02 || vol > 0.2 {
		t.Fatalf("signed volume %g m^3, want a person's (positive, about 0.07)", vol)
	}
}
