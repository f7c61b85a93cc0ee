package engine

import (
	"context"
	"testing"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine/enginetest"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

// twoSpheres is a small test subject: a body and a head.
var twoSpheres = enginetest.Scene{
	{C: [3]float64{0, 0.9, 0}, R: 0.25, Color: [3]uint8{200, 40, 40}},
	{C: [3]float64{0.05, 1.3, 0.02}, R: 0.12, Color: [3]uint8{40, 40, 200}},
}

var (
	testLo = [3]float64{-0.6, 0.3, -0.6}
	testHi = [3]float64{0.6, 1.6, 0.6}
	// iouLo and iouHi hold the spheres' hull with room to spare; IoU is
	// sampled there only, to keep the tests fast.
	iouLo = [3]float64{-0.35, 0.55, -0.35}
	iouHi = [3]float64{0.35, 1.5, 0.35}
)

func testRing(t testing.TB, d rig.Distortion) *rig.Rig {
	t.Helper()
	r, err := enginetest.Ring(enginetest.RingParams{
		Cameras: 8, Width: 240, Height: 180, Radius: 2, Heights: []float64{0.6, 1.6},
		Target: [3]float64{0, 1, 0}, FovDeg: 50, Distortion: d,
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type scene struct {
	rig   *rig.Rig
	masks []*maskcodec.Mask
	fs    *frameset.FrameSet
}

func newScene(t testing.TB, r *rig.Rig, s enginetest.Scene) scene {
	t.Helper()
	masks, rgbs := enginetest.Render(r, s)
	fs, err := enginetest.FrameSet(r, masks, rgbs)
	if err != nil {
		t.Fatal(err)
	}
	return scene{r, masks, fs}
}

func reconstruct(t testing.TB, cfg Config, fs *frameset.FrameSet) (*mesh.Mesh, Stats) {
	t.Helper()
	e, err := NewCPU(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var m mesh.Mesh
	st, err := e.Reconstruct(context.Background(), fs, &m)
	if err != nil {
		t.Fatal(err)
	}
	return &m, st
}

// hullSolid is the ideal visual hull of a scene's masks.
type hullSolid struct {
	r     *rig.Rig
	masks []*maskcodec.Mask
	lo    [3]float64
	hi    [3]float64
}

func (h hullSolid) Contains(p [3]float64) bool {
	for a := 0; a < 3; a++ {
		if p[a] < h.lo[a] || p[a] > h.hi[a] {
			return false
		}
	}
	return enginetest.InHull(h.r, h.masks, p)
}

func hullIoU(t testing.TB, sc scene, m *mesh.Mesh, lo, hi [3]float64, cell float64) float64 {
	t.Helper()
	solid, err := metrics.MeshSolid(m)
	if err != nil {
		t.Fatal(err)
	}
	iou, err := metrics.VolumeIoU(solid, hullSolid{sc.rig, sc.masks, lo, hi}, lo, hi, cell)
	if err != nil {
		t.Fatal(err)
	}
	return iou
}
