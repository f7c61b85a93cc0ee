package engine

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"cloudme.dev/calibration/metrics"
	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/engine/enginetest"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/mesh"
)

// Tests at the booth's working scales: masks at 1/d of the image
// (frameset.ScaledCropView), where a mask pixel can be several times
// wider than the field's box.

// scaledScene crops a scene's full-image masks and colours as a booth
// segmenting at 1/d of the image sends them.
func scaledScene(t testing.TB, r *rig.Rig, masks []*maskcodec.Mask, rgbs [][]uint8, d int) scene {
	t.Helper()
	fs := &frameset.FrameSet{BoothID: r.BoothID, Rig: r, CaptureTimeNs: 1}
	for i := range r.Cameras {
		v, err := frameset.ScaledCropView(r, r.Cameras[i].ID, masks[i], rgbs[i], 4, d)
		if err != nil {
			t.Fatal(err)
		}
		fs.Views = append(fs.Views, v)
	}
	if err := fs.Check(); err != nil {
		t.Fatal(err)
	}
	return scene{r, masks, fs}
}

// refField is the field of camTab.field computed the slow way: the
// projection by rig.Camera's own code, the box's coverage summed pixel
// by pixel (mask pixel i covers summed-area coordinates [i, i+1)). ok is
// false where the point is not projected (behind the camera, beyond the
// trusted radius).
func refField(c *camTab, cam *rig.Camera, v *frameset.View, p [3]float64, R float64, pad bool) (float64, bool) {
	pc := cam.WorldToCamera(p)
	z := pc[2]
	if z < zNear || (pc[0]*pc[0]+pc[1]*pc[1])/(z*z) > c.r2max {
		return 0, false
	}
	px := cam.ProjectCam(pc)
	rp, scale := R*c.fmin/z, R
	if rp < 1 {
		rp, scale = 1, z/c.fmin
	}
	s := v.Scale
	a, b := (px[0]-float64(v.Crop.Min.X)+0.5)*s, (px[1]-float64(v.Crop.Min.Y)+0.5)*s
	q := rp * s
	a0, a1, b0, b1 := a-q, a+q, b-q, b+q
	ia0, ia1 := -float64(v.Crop.Min.X)*s, (float64(cam.Width)-float64(v.Crop.Min.X))*s
	ib0, ib1 := -float64(v.Crop.Min.Y)*s, (float64(cam.Height)-float64(v.Crop.Min.Y))*s
	if a1 <= ia0 || b1 <= ib0 || a0 >= ia1 || b0 >= ib1 {
		return padValue(R, pad), true
	}
	area := 4 * q * q
	cover := 0.0
	for j := max(0, int(math.Floor(b0))); j <= min(v.Mask.Height-1, int(math.Floor(b1))); j++ {
		for i := max(0, int(math.Floor(a0))); i <= min(v.Mask.Width-1, int(math.Floor(a1))); i++ {
			if v.Mask.Pix[j*v.Mask.Width+i] != 0 {
				cover += overlap(a0, a1, float64(i), float64(i+1)) * overlap(b0, b1, float64(j), float64(j+1))
			}
		}
	}
	if pad {
		cover += area - overlap(a0, a1, ia0, ia1)*overlap(b0, b1, ib0, ib1)
	}
	return max(-R, min(R, (2*cover/area-1)*scale)), true
}

// TestFieldIsTheBoxIntegral checks camTab.field, shortcuts included,
// against the box integral summed pixel by pixel, at working scales from
// 1 to 1/8: in particular it saturates (±R) only where the box's pixels
// are all inside or all outside. (Its saturation shortcut used to look at
// the pixels half a mask pixel to the right of and below the box: harmless
// to the mesh's topology while the box is wider than a mask pixel, but at
// 1/8 it could read the neighbouring pixel alone and give +R in a cell the
// carving had classed empty: "edge without a vertex".)
func TestFieldIsTheBoxIntegral(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{K1: -0.25, K2: 0.08, P1: 0.002, P2: -0.001})
	masks, rgbs := enginetest.Render(r, twoSpheres)
	for _, d := range []int{1, 2, 3, 8} {
		sc := scaledScene(t, r, masks, rgbs, d)
		rng := rand.New(rand.NewPCG(21, uint64(d)))
		tabs := make([]camTab, len(sc.fs.Views))
		for i := range sc.fs.Views {
			v := &sc.fs.Views[i]
			tabs[i] = newCamTab(v.Camera)
			tabs[i].setView(v)
		}
		saturated, partial := 0, 0
		for trial := 0; trial < 20000; trial++ {
			vi := rng.IntN(len(tabs))
			c, v := &tabs[vi], &sc.fs.Views[vi]
			// Points near the spheres' surfaces (within a few mask pixels
			// at 1/8), where boxes straddle the silhouette.
			s := twoSpheres[rng.IntN(len(twoSpheres))]
			dir := [3]float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
			n := math.Sqrt(dir[0]*dir[0] + dir[1]*dir[1] + dir[2]*dir[2])
			rad := s.R + (rng.Float64()-0.5)*0.1
			p := [3]float64{s.C[0] + rad*dir[0]/n, s.C[1] + rad*dir[1]/n, s.C[2] + rad*dir[2]/n}
			R := []float64{0.001, 0.0025, 0.005, 0.02}[rng.IntN(4)]
			pad := rng.IntN(2) == 0
			want, ok := refField(c, v.Camera, v, p, R, pad)
			if !ok {
				continue
			}
			got := c.field(p[0], p[1], p[2], R, pad)
			if math.Abs(got-want) > 1e-6*R {
				t.Fatalf("scale 1/%d camera %d point %v R %g pad %v: field %v, box integral %v", d, v.Camera.ID, p, R, pad, got, want)
			}
			if got == R || got == -R {
				saturated++
			} else {
				partial++
			}
		}
		if saturated < 1000 || partial < 1000 {
			t.Fatalf("scale 1/%d: %d saturated and %d partial values: too few", d, saturated, partial)
		}
	}
}

// scaledHull is the ideal visual hull of a frame set's (scaled) masks:
// a point is inside when it projects into an inside mask pixel of every
// camera that sees it (outside a crop counts as outside, beyond the
// image as unseen), within the box [lo, hi].
type scaledHull struct {
	fs     *frameset.FrameSet
	lo, hi [3]float64
}

func (h scaledHull) Contains(p [3]float64) bool {
	for a := 0; a < 3; a++ {
		if p[a] < h.lo[a] || p[a] > h.hi[a] {
			return false
		}
	}
	for i := range h.fs.Views {
		v := &h.fs.Views[i]
		px, z := v.Camera.Project(p)
		if z <= 0 || px[0] < -0.5 || px[1] < -0.5 || px[0] >= float64(v.Camera.Width)-0.5 || px[1] >= float64(v.Camera.Height)-0.5 {
			continue
		}
		a := math.Floor((px[0] - float64(v.Crop.Min.X) + 0.5) * v.Scale)
		b := math.Floor((px[1] - float64(v.Crop.Min.Y) + 0.5) * v.Scale)
		if a < 0 || b < 0 || a >= float64(v.Mask.Width) || b >= float64(v.Mask.Height) ||
			v.Mask.Pix[int(b)*v.Mask.Width+int(a)] == 0 {
			return false
		}
	}
	return true
}

// TestReconstructAtWorkingScales reconstructs the spheres from masks at
// 1/3 and 1/5 to 1/8 of the image: a closed mesh (the engine used to fail
// from 1/5 on with "edge without a vertex"); at 1/8 the same for any
// number of workers and close to the ideal hull of the masks it was given.
func TestReconstructAtWorkingScales(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{K1: -0.2, K2: 0.05})
	masks, rgbs := enginetest.Render(r, twoSpheres)
	for _, d := range []int{3, 5, 6, 7, 8} {
		t.Run(fmt.Sprintf("1/%d", d), func(t *testing.T) {
			sc := scaledScene(t, r, masks, rgbs, d)
			workers := []int{2}
			if d == 8 {
				workers = []int{1, 3}
			}
			var ref *mesh.Mesh
			for _, w := range workers {
				m, st := reconstruct(t, Config{Rig: r, Lo: testLo, Hi: testHi, CellSize: 0.008, Workers: w}, sc.fs)
				if err := enginetest.CheckClosed(m); err != nil {
					t.Fatalf("%d workers: mesh not closed: %v", w, err)
				}
				if v := enginetest.Volume(m); v <= 0 {
					t.Fatalf("%d workers: enclosed volume %g, want > 0", w, v)
				}
				if ref != nil {
					if !slices.Equal(m.Positions, ref.Positions) || !slices.Equal(m.Indices, ref.Indices) {
						t.Fatalf("%d workers: mesh differs from %d workers'", w, workers[0])
					}
					continue
				}
				ref = m
				if d != 8 {
					continue
				}
				solid, err := metrics.MeshSolid(m)
				if err != nil {
					t.Fatal(err)
				}
				iou, err := metrics.VolumeIoU(solid, scaledHull{sc.fs, iouLo, iouHi}, iouLo, iouHi, 0.01)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("verts %d tris %d iou %.4f", st.Vertices, st.Triangles, iou)
				if iou < 0.9 {
					t.Fatalf("IoU against the ideal hull of its masks %.4f, want >= 0.9", iou)
				}
			}
		})
	}
}

// TestFieldReadsThePixelsUnderItsBox is the case behind "edge without a
// vertex" at 1/8, by hand: a box a quarter of a mask pixel wide, in mask
// column 1, next to column 2 of the other class. The field must read
// column 1 alone (it used to read column 2: the pixels half a mask pixel
// to the right of the box).
func TestFieldReadsThePixelsUnderItsBox(t *testing.T) {
	t.Parallel()
	r := testRing(t, rig.Distortion{})
	cam := &r.Cameras[0]
	const d = 8
	v := frameset.View{Camera: cam, Crop: image.Rect(0, 0, 240, 176), Scale: 1.0 / d,
		Mask: maskcodec.Mask{Width: 240 / d, Height: 176 / d, Pix: make([]uint8, 240*176/(d*d))}}
	// Mask pixel i covers summed-area coordinates [i, i+1), full-image
	// pixels u in [d·i - 0.5, d·(i+1) - 0.5): a = 1.7 is u = 13.1.
	o, dir := cam.Ray([2]float64{1.7*d - 0.5, 10.5*d - 0.5})
	p := [3]float64{o[0] + 2*dir[0], o[1] + 2*dir[1], o[2] + 2*dir[2]}
	const R = 0.002 // a quarter of a full-image pixel at 2 m: the box has the least half-width, one pixel (1/8 of a mask pixel)
	for _, insideCol := range []int{1, 2} {
		for y := 0; y < v.Mask.Height; y++ {
			for x := 0; x < v.Mask.Width; x++ {
				v.Mask.Pix[y*v.Mask.Width+x] = 0
				if x == insideCol {
					v.Mask.Pix[y*v.Mask.Width+x] = maskcodec.Inside
				}
			}
		}
		c := newCamTab(cam)
		c.setView(&v)
		want := -R
		if insideCol == 1 {
			want = R
		}
		for _, pad := range []bool{false, true} {
			if got := c.field(p[0], p[1], p[2], R, pad); got != want {
				t.Errorf("inside column %d, pad %v: field %g, want %g", insideCol, pad, got, want)
			}
		}
	}
}
