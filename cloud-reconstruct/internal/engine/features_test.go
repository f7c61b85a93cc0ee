package engine

import (
	"context"
	"math/rand/v2"
	"testing"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine/enginetest"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

// TestUnseenCarves adds a camera that sees only the head: by default it
// leaves the body alone; with UnseenCarves it carves it away.
func TestUnseenCarves(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{})
	pose, err := rig.LookAt([3]float64{0, 1.3, 1.5}, [3]float64{0.05, 1.3, 0.02}, [3]float64{0, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	r.Cameras = append(r.Cameras, rig.Camera{ID: 99, Width: 120, Height: 120,
		K: rig.Intrinsics{Fx: 300, Fy: 300, Cx: 59.5, Cy: 59.5}, Pose: pose})
	sc := newScene(t, r, twoSpheres)
	body := [3]float64{0, 0.9, 0}
	for _, carves := range []bool{false, true} {
		m, _ := reconstruct(t, Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.01, UnseenCarves: carves, NoColor: true}, sc.fs)
		if err := enginetest.CheckClosed(m); err != nil {
			t.Fatalf("carves=%v: %v", carves, err)
		}
		solid, err := metrics.MeshSolid(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := solid.Contains(body); got == carves {
			t.Errorf("UnseenCarves=%v: body centre inside = %v", carves, got)
		}
		if !solid.Contains([3]float64{0.05, 1.3, 0.02}) {
			t.Errorf("UnseenCarves=%v: head centre missing", carves)
		}
	}
}

// TestMissingCameras reconstructs from a frame set without two of the
// rig's cameras: the hull of the remaining six.
func TestMissingCameras(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{})
	sc := newScene(t, r, twoSpheres)
	fs := *sc.fs
	fs.Views = append([]frameset.View(nil), sc.fs.Views[:3]...)
	fs.Views = append(fs.Views, sc.fs.Views[5:]...)
	m, _ := reconstruct(t, Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.01, NoColor: true}, &fs)
	if err := enginetest.CheckClosed(m); err != nil {
		t.Fatal(err)
	}
	masks := append([]*maskcodec.Mask(nil), sc.masks...)
	six := &rig.Rig{BoothID: r.BoothID}
	var sixMasks []*maskcodec.Mask
	for i := range r.Cameras {
		if i != 3 && i != 4 {
			six.Cameras = append(six.Cameras, r.Cameras[i])
			sixMasks = append(sixMasks, masks[i])
		}
	}
	iou := hullIoU(t, scene{six, sixMasks, nil}, m, iouLo, iouHi, 0.008)
	if iou < 0.93 {
		t.Fatalf("IoU against the six-camera hull %.4f", iou)
	}
}

// TestColour checks that vertices take the colour of the sphere they lie on.
func TestColour(t *testing.T) {
	t.Parallel()
	sc := newScene(t, testRing(t, rig.Distortion{}), twoSpheres)
	m, _ := reconstruct(t, Config{Rig: sc.rig, Lo: testLo, Hi: testHi, CellSize: 0.008}, sc.fs)
	if !m.HasColors() {
		t.Fatal("no colours")
	}
	var good, total, grey int
	for v := 0; v < m.VertexCount(); v++ {
		y := m.Positions[3*v+1]
		c := m.Colors[3*v : 3*v+3]
		if c[0] == greyLevel && c[1] == greyLevel && c[2] == greyLevel {
			grey++
		}
		switch {
		case y < 0.85: // body, well away from the neck
			total++
			if c[0] > 150 && c[2] < 90 {
				good++
			}
		case y > 1.35: // top of the head
			total++
			if c[2] > 150 && c[0] < 90 {
				good++
			}
		}
	}
	if total == 0 || float64(good) < 0.9*float64(total) {
		t.Fatalf("%d of %d vertices have their sphere's colour", good, total)
	}
	if grey > m.VertexCount()/10 {
		t.Fatalf("%d of %d vertices grey (seen by no camera)", grey, m.VertexCount())
	}
}

// noisyMasks flips a random share of the pixels next to each mask's
// contour, as segmentation noise does from frame to frame.
func noisyMasks(masks []*maskcodec.Mask, rng *rand.Rand, share float64) []*maskcodec.Mask {
	out := make([]*maskcodec.Mask, len(masks))
	for i, m := range masks {
		n := &maskcodec.Mask{Width: m.Width, Height: m.Height, Pix: append([]uint8(nil), m.Pix...)}
		for y := 1; y < m.Height-1; y++ {
			for x := 1; x < m.Width-1; x++ {
				k := y*m.Width + x
				p := m.Pix[k]
				if (m.Pix[k-1] != p || m.Pix[k+1] != p || m.Pix[k-m.Width] != p || m.Pix[k+m.Width] != p) && rng.Float64() < share {
					n.Pix[k] = 255 - p
				}
			}
		}
		out[i] = n
	}
	return out
}

// TestSmoothingSteadiesStillPerson reconstructs a still scene with noisy
// masks frame after frame: with smoothing on, consecutive meshes differ
// less.
func TestSmoothingSteadiesStillPerson(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{})
	masks, _ := enginetest.Render(r, twoSpheres)
	jitter := func(smoothing float64) float64 {
		e, err := NewCPU(Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.01, Smoothing: smoothing, NoColor: true})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		rng := rand.New(rand.NewPCG(7, 7))
		var prev [][3]float64
		sum, n := 0.0, 0
		for f := 0; f < 7; f++ {
			fs, err := enginetest.FrameSet(r, noisyMasks(masks, rng, 0.5), nil)
			if err != nil {
				t.Fatal(err)
			}
			var m mesh.Mesh
			if _, err := e.Reconstruct(context.Background(), fs, &m); err != nil {
				t.Fatal(err)
			}
			if err := enginetest.CheckClosed(&m); err != nil {
				t.Fatalf("smoothing %g frame %d: %v", smoothing, f, err)
			}
			// Vertices sit on grid edges, so between two meshes of the same
			// topology the nearest vertex is the same edge's: the distance is
			// how far the vertex moved.
			pts := make([][3]float64, m.VertexCount())
			for v := range pts {
				pts[v] = [3]float64{float64(m.Positions[3*v]), float64(m.Positions[3*v+1]), float64(m.Positions[3*v+2])}
			}
			if f >= 3 {
				sum += metrics.SurfaceDistances(pts, prev).Chamfer
				n++
			}
			prev = pts
		}
		return sum / float64(n)
	}
	off, on := jitter(0), jitter(0.7)
	t.Logf("frame-to-frame Chamfer: %.3f mm without smoothing, %.3f mm with", off*1e3, on*1e3)
	if !(on < 0.85*off) {
		t.Fatalf("smoothing did not steady the mesh: %.3f mm vs %.3f mm", on*1e3, off*1e3)
	}
}
