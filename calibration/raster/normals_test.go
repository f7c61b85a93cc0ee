package raster

import (
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

func TestVertexNormals(t *testing.T) {
	t.Parallel()
	t.Run("sphere points outwards", func(t *testing.T) {
		t.Parallel()
		m := sphere([3]float64{1, 2, 3}, 0.5, 16, 32)
		n := VertexNormals(m, nil)
		for i := 0; i < m.VertexCount(); i++ {
			p := [3]float64{float64(m.Positions[3*i]) - 1, float64(m.Positions[3*i+1]) - 2, float64(m.Positions[3*i+2]) - 3}
			l := math.Sqrt(dot(p, p))
			c := (float64(n[3*i])*p[0] + float64(n[3*i+1])*p[1] + float64(n[3*i+2])*p[2]) / l
			if c < 0.99 {
				t.Fatalf("vertex %d: normal %v, radial cosine %.3f", i, n[3*i:3*i+3], c)
			}
		}
	})
	t.Run("unused vertex and reuse", func(t *testing.T) {
		t.Parallel()
		m := &mesh.Mesh{Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 5, 5}, Indices: []uint32{0, 1, 2}}
		buf := make([]float32, 0, 100)
		n := VertexNormals(m, buf)
		if &n[0] != &buf[:1][0] {
			t.Fatal("dst not reused")
		}
		want := []float32{0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0}
		for i := range want {
			if n[i] != want[i] {
				t.Fatalf("normals %v, want %v", n, want)
			}
		}
	})
}
