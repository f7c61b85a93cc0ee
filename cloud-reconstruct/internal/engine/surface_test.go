package engine

import (
	"math"
	"testing"

	"cloudme.dev/proto/mesh"
)

func TestVertexNormalsPointOutwards(t *testing.T) {
	t.Parallel()
	// A tetrahedron, counter-clockwise from outside, around its centroid.
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	for _, workers := range []int{1, 3} {
		e := &cpu{cfg: Config{Workers: workers}}
		n := e.vertexNormals(m)
		c := [3]float32{0.25, 0.25, 0.25}
		for v := 0; v < 4; v++ {
			out := [3]float32{m.Positions[3*v] - c[0], m.Positions[3*v+1] - c[1], m.Positions[3*v+2] - c[2]}
			dot := n[3*v]*out[0] + n[3*v+1]*out[1] + n[3*v+2]*out[2]
			l := math.Sqrt(float64(n[3*v]*n[3*v] + n[3*v+1]*n[3*v+1] + n[3*v+2]*n[3*v+2]))
			if dot <= 0 || math.Abs(l-1) > 1e-5 {
				t.Fatalf("workers %d vertex %d: normal %v (length %g) does not point out", workers, v, n[3*v:3*v+3], l)
			}
		}
	}
}

func TestGrowHelpersReuse(t *testing.T) {
	t.Parallel()
	a := make([]float32, 10)
	if b := grow(a, 5); &b[0] != &a[0] || len(b) != 5 {
		t.Fatal("grow did not reuse the capacity")
	}
	if b := growU32(nil, 4); len(b) != 4 {
		t.Fatal("growU32")
	}
	if b := growU8(make([]uint8, 2), 6); len(b) != 6 {
		t.Fatal("growU8")
	}
}

// TestColourVertexRecords checks the colour stage's vertex records: the
// position and normal of each vertex, and a facing test n·c > n·p that
// agrees with n·(c-p) > 0.
func TestColourVertexRecords(t *testing.T) {
	t.Parallel()
	m := &mesh.Mesh{
		Positions: []float32{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
		Indices:   []uint32{0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3},
	}
	for _, workers := range []int{1, 2, 3} {
		e := &cpu{cfg: Config{Workers: workers}}
		n := e.vertexNormals(m)
		if len(e.vx) != 4 {
			t.Fatalf("workers %d: %d records for 4 vertices", workers, len(e.vx))
		}
		for v, q := range e.vx {
			if q.p != [3]float32(m.Positions[3*v:3*v+3]) || q.n != [3]float32(n[3*v:3*v+3]) {
				t.Fatalf("workers %d vertex %d: record %+v, position %v normal %v", workers, v, q, m.Positions[3*v:3*v+3], n[3*v:3*v+3])
			}
			for _, c := range [][3]float32{{3, 3, 3}, {-3, -3, -3}, {0.2, -2, 0.1}, {2, 0.1, -1}} {
				faces := q.n[0]*c[0]+q.n[1]*c[1]+q.n[2]*c[2] > q.np
				want := q.n[0]*(c[0]-q.p[0])+q.n[1]*(c[1]-q.p[1])+q.n[2]*(c[2]-q.p[2]) > 0
				if faces != want {
					t.Fatalf("workers %d vertex %d camera %v: faces %v, want %v", workers, v, c, faces, want)
				}
			}
		}
	}
	// No triangles: no records, and no panic.
	e := &cpu{cfg: Config{Workers: 2}}
	e.vertexNormals(&mesh.Mesh{})
	if len(e.vx) != 0 {
		t.Fatalf("%d records for an empty mesh", len(e.vx))
	}
}

// TestWriteBrickTables checks the tables writeBrick reads: mcUsed and
// mcFlat list exactly the edges of mcTable's triangles, in order, and
// edgeLocal is the index of each edge of a cell in its brick's edge
// arrays.
func TestWriteBrickTables(t *testing.T) {
	t.Parallel()
	for conf := range mcTable {
		c := &mcTable[conf]
		var used uint16
		for tr, tri := range c.tri[:c.n] {
			for k, ed := range tri {
				used |= 1 << ed
				if mcFlat[conf][3*tr+k] != ed {
					t.Fatalf("configuration %d triangle %d: flat edge %d, table %d", conf, tr, mcFlat[conf][3*tr+k], ed)
				}
			}
		}
		if used != mcUsed[conf] {
			t.Fatalf("configuration %d: used edges %b, want %b", conf, mcUsed[conf], used)
		}
	}
	for e := 0; e < 12; e++ {
		off, axis := edgeCorner(e)
		// Cell (1, 2, 3) of a brick: the edge starts at cell + off.
		cell := int32(1 + brickN*(2+brickN*3))
		want := int32(3*((1+off[0])+brickN*((2+off[1])+brickN*(3+off[2])))) + int32(axis)
		if got := 3*cell + edgeLocal[e]; got != want {
			t.Fatalf("edge %d: index %d, want %d", e, got, want)
		}
	}
}
