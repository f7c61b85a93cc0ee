package calibcli

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

// renderBoard draws a chessboard (inner corners b.Cols×b.Rows, a one-square
// white margin, grey beyond) as seen by a distortion-free camera, with 2×2
// supersampling. The outer square at corner 0 is black, the orientation
// detect.Orient calls canonical.
func renderBoard(cam *rig.Camera, b solve.Board, boardToWorld rig.Pose) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, cam.Width, cam.Height))
	p := solve.Compose(cam.Pose, boardToWorld) // board -> camera
	r := p.R
	// Board z axis in the camera frame (third column of R) and its offset.
	n := [3]float64{r[2], r[5], r[8]}
	nt := n[0]*p.T[0] + n[1]*p.T[1] + n[2]*p.T[2]
	s := b.Square
	for v := 0; v < cam.Height; v++ {
		for u := 0; u < cam.Width; u++ {
			acc := 0.0
			for _, o := range [4][2]float64{{-0.25, -0.25}, {0.25, -0.25}, {-0.25, 0.25}, {0.25, 0.25}} {
				d := [3]float64{(float64(u) + o[0] - cam.K.Cx) / cam.K.Fx, (float64(v) + o[1] - cam.K.Cy) / cam.K.Fy, 1}
				den := n[0]*d[0] + n[1]*d[1] + n[2]*d[2]
				val := 100.0
				if den != 0 {
					lam := nt / den
					if lam > 0 {
						q := [3]float64{lam*d[0] - p.T[0], lam*d[1] - p.T[1], lam*d[2] - p.T[2]}
						// Board coordinates: R^T q.
						x := r[0]*q[0] + r[3]*q[1] + r[6]*q[2]
						y := r[1]*q[0] + r[4]*q[1] + r[7]*q[2]
						i, j := math.Floor(x/s)+1, math.Floor(y/s)+1
						switch {
						case i >= 0 && j >= 0 && i <= float64(b.Cols) && j <= float64(b.Rows):
							if int(i+j)%2 == 0 {
								val = 20
							} else {
								val = 235
							}
						case x >= -2*s && y >= -2*s && x <= float64(b.Cols+1)*s && y <= float64(b.Rows+1)*s:
							val = 235
						}
					}
				}
				acc += val
			}
			img.Pix[v*img.Stride+u] = uint8(acc / 4)
		}
	}
	return img
}

func writePNG(t testing.TB, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// renderedBooth is a small synthetic booth rendered to images: 960×540
// distortion-free cameras, the floor view named "floor".
type renderedBooth struct {
	dir   string
	scene *solve.SynthScene
	cams  []rig.Camera // the rendered (scaled) cameras, the truth
}

var (
	boothOnce sync.Once
	booth     *renderedBooth
	boothDir  string
)

// sharedBooth renders, once per test binary, a 6-camera booth with 24
// board placements; tests must not modify its folder.
func sharedBooth(t testing.TB) *renderedBooth {
	t.Helper()
	if testing.Short() {
		t.Skip("renders ~70 images; skipped under -short")
	}
	boothOnce.Do(func() {
		dir, err := os.MkdirTemp("", "calibcli-booth-")
		if err != nil {
			panic(err)
		}
		boothDir = dir
		booth = renderBooth(t, dir, 6, 24, 5)
	})
	if booth == nil {
		t.Fatal("rendering the shared booth failed")
	}
	return booth
}

// TestMain removes the shared booth's folder after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if boothDir != "" {
		os.RemoveAll(boothDir)
	}
	os.Exit(code)
}

func renderBooth(t testing.TB, dir string, cameras, views int, seed uint64) *renderedBooth {
	t.Helper()
	s, err := solve.Synthetic(solve.SynthParams{Cameras: cameras, Views: views, Seed: seed, Board: solve.Board{Cols: 9, Rows: 6, Square: 0.1}})
	if err != nil {
		t.Fatal(err)
	}
	rb := &renderedBooth{dir: dir, scene: s}
	for _, c := range s.Cameras {
		c.Width, c.Height = 960, 540
		c.K = rig.Intrinsics{Fx: c.K.Fx / 2, Fy: c.K.Fx / 2, Cx: 479.5, Cy: 269.5}
		c.D = rig.Distortion{}
		rb.cams = append(rb.cams, c)
	}
	for _, o := range s.Obs {
		name := fmt.Sprintf("view%03d", o.View)
		if o.View == 0 {
			name = "floor"
		}
		cam := &rb.cams[o.Camera]
		writePNG(t, filepath.Join(rb.dir, fmt.Sprintf("cam%02d", cam.ID), name+".png"), renderBoard(cam, s.Board, s.Views[o.View]))
	}
	return rb
}
