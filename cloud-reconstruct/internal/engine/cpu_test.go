package engine

import (
	"slices"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine/enginetest"
	"cloudme.dev/proto/mesh"
)

func TestReconstructSpheres(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cell    float64
		d       rig.Distortion
		minIoU  float64
		workers int
	}{
		{"10mm", 0.010, rig.Distortion{}, 0.95, 2},
		{"7mm one worker", 0.007, rig.Distortion{}, 0.96, 1},
		{"7mm barrel distortion", 0.007, rig.Distortion{K1: -0.25, K2: 0.08, P1: 0.001}, 0.96, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sc := newScene(t, testRing(t, tc.d), twoSpheres)
			m, st := reconstruct(t, Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: tc.cell, Workers: tc.workers}, sc.fs)
			if err := enginetest.CheckClosed(m); err != nil {
				t.Fatalf("mesh not closed: %v", err)
			}
			if v := enginetest.Volume(m); v <= 0 {
				t.Fatalf("enclosed volume %g, want > 0", v)
			}
			iou := hullIoU(t, sc, m, iouLo, iouHi, 0.006)
			t.Logf("cells %v band %d bricks %d evals %d verts %d tris %d iou %.4f hull %v surface %v colour %v",
				st.Cells, st.BoundaryCells, st.Bricks, st.FieldEvals, st.Vertices, st.Triangles, iou, st.Hull, st.Surface, st.Color)
			if iou < tc.minIoU {
				t.Fatalf("IoU against the ideal hull %.4f, want >= %.2f", iou, tc.minIoU)
			}
			if st.Triangles != m.TriangleCount() || st.Vertices != m.VertexCount() {
				t.Fatalf("stats say %d vertices %d triangles, mesh has %d %d", st.Vertices, st.Triangles, m.VertexCount(), m.TriangleCount())
			}
		})
	}
}

// TestMeshSameForAnyWorkers checks that the whole mesh (positions,
// indices, colours) does not depend on the number of workers, which sets
// the carving's chunk sizes and every parallel split.
func TestMeshSameForAnyWorkers(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{K1: -0.2, K2: 0.05}), twoSpheres)
	var ref *mesh.Mesh
	for _, w := range []int{1, 2, 3, 7} {
		m, _ := reconstruct(t, Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: 0.008, Workers: w}, sc.fs)
		if m.TriangleCount() == 0 {
			t.Fatal("empty mesh")
		}
		if ref == nil {
			ref = m
			continue
		}
		if !slices.Equal(m.Positions, ref.Positions) || !slices.Equal(m.Indices, ref.Indices) || !slices.Equal(m.Colors, ref.Colors) {
			t.Fatalf("workers %d: mesh differs from one worker's", w)
		}
	}
}

func TestChunkSize(t *testing.T) {
	t.Parallel()
	for _, w := range []int{1, 2, 7} {
		e := &cpu{cfg: Config{Workers: w}}
		for _, n := range []int{0, 1, 37, 512, 4096, 1 << 20} {
			for _, limit := range []int{512, 4096} {
				s := e.chunkSize(n, limit)
				if s < 1 || s > limit {
					t.Fatalf("workers %d n %d: chunk %d outside [1, %d]", w, n, s, limit)
				}
				if n >= 64*w && (n+s-1)/s < 2*w {
					t.Fatalf("workers %d n %d: chunk %d gives %d chunks, fewer than two per worker", w, n, s, (n+s-1)/s)
				}
			}
		}
	}
}
