package synth

import "testing"

func TestBackgroundSurfaces(t *testing.T) {
	t.Parallel()
	bg := NewBackground(2.5, 2.4, 3)
	if len(bg.Surfaces) == 0 {
		t.Fatal("no surfaces")
	}
	for i, s := range bg.Surfaces {
		if !s.NoMask {
			t.Errorf("surface %d would enter the mask", i)
		}
		if err := s.Mesh.Validate(); err != nil {
			t.Errorf("surface %d: %v", i, err)
		}
		// Everything lies outside the person box and the camera ring,
		// or on the floor.
		m := s.Mesh
		for v := 0; v < m.VertexCount(); v++ {
			x, y, z := float64(m.Positions[3*v]), float64(m.Positions[3*v+1]), float64(m.Positions[3*v+2])
			if y > 1e-6 && x*x+z*z < 1.4*1.4 && y < 2.5 {
				t.Fatalf("surface %d vertex %v inside the booth", i, [3]float64{x, y, z})
			}
		}
	}
}

func TestBuilderQuadFacing(t *testing.T) {
	t.Parallel()
	for _, n := range []vec3{{0, 1, 0}, {0, -1, 0}} {
		b := &builder{}
		b.quad([4]vec3{{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {0, 0, 1}}, [4][2]float64{}, n, [3]uint8{})
		for tr := 0; tr < 2; tr++ {
			var p [3]vec3
			for k := 0; k < 3; k++ {
				i := b.idx[3*tr+k]
				p[k] = vec3{float64(b.pos[3*i]), float64(b.pos[3*i+1]), float64(b.pos[3*i+2])}
			}
			if dot3(cross3(sub3(p[1], p[0]), sub3(p[2], p[0])), n) <= 0 {
				t.Errorf("triangle %d does not face %v", tr, n)
			}
		}
	}
}
