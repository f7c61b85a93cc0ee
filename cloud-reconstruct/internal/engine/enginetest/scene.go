package enginetest

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/cloud-reconstruct/internal/frameset"
	"cloudme.dev/proto/maskcodec"
)

// Sphere is a coloured ball.
type Sphere struct {
	C     [3]float64
	R     float64
	Color [3]uint8
}

// Scene is a union of spheres.
type Scene []Sphere

// Contains reports whether p lies in a sphere.
func (s Scene) Contains(p [3]float64) bool {
	for _, b := range s {
		d := [3]float64{p[0] - b.C[0], p[1] - b.C[1], p[2] - b.C[2]}
		if d[0]*d[0]+d[1]*d[1]+d[2]*d[2] <= b.R*b.R {
			return true
		}
	}
	return false
}

// Hit returns the index of the first sphere a ray meets (-1 for none).
func (s Scene) Hit(o, d [3]float64) int {
	best, hit := math.Inf(1), -1
	for i, b := range s {
		oc := [3]float64{o[0] - b.C[0], o[1] - b.C[1], o[2] - b.C[2]}
		bb := oc[0]*d[0] + oc[1]*d[1] + oc[2]*d[2]
		c := oc[0]*oc[0] + oc[1]*oc[1] + oc[2]*oc[2] - b.R*b.R
		disc := bb*bb - c
		if disc < 0 {
			continue
		}
		t := -bb - math.Sqrt(disc)
		if t > 0 && t < best {
			best, hit = t, i
		}
	}
	return hit
}

// RingParams describes a ring of cameras around the origin.
type RingParams struct {
	Cameras       int
	Width, Height int
	Radius        float64 // metres from the vertical axis
	Heights       []float64
	Target        [3]float64
	FovDeg        float64 // horizontal field of view
	Distortion    rig.Distortion
}

// Ring returns cameras evenly spread on a circle, alternating over the
// given heights, all looking at Target.
func Ring(p RingParams) (*rig.Rig, error) {
	r := &rig.Rig{BoothID: "test-ring"}
	f := float64(p.Width) / 2 / math.Tan(p.FovDeg*math.Pi/360)
	for i := 0; i < p.Cameras; i++ {
		a := 2 * math.Pi * float64(i) / float64(p.Cameras)
		h := p.Heights[i%len(p.Heights)]
		eye := [3]float64{p.Radius * math.Sin(a), h, p.Radius * math.Cos(a)}
		pose, err := rig.LookAt(eye, p.Target, [3]float64{0, 1, 0})
		if err != nil {
			return nil, err
		}
		r.Cameras = append(r.Cameras, rig.Camera{
			ID: i, Name: fmt.Sprintf("cam%d", i), Width: p.Width, Height: p.Height,
			K: rig.Intrinsics{Fx: f, Fy: f, Cx: float64(p.Width-1) / 2, Cy: float64(p.Height-1) / 2},
			D: p.Distortion, Pose: pose,
		})
	}
	return r, r.Validate()
}

// Render returns each camera's full-image mask and RGB image of the scene.
func Render(r *rig.Rig, s Scene) ([]*maskcodec.Mask, [][]uint8) {
	masks := make([]*maskcodec.Mask, len(r.Cameras))
	rgbs := make([][]uint8, len(r.Cameras))
	for ci := range r.Cameras {
		c := &r.Cameras[ci]
		m := maskcodec.New(c.Width, c.Height)
		rgb := make([]uint8, 3*c.Width*c.Height)
		for y := 0; y < c.Height; y++ {
			for x := 0; x < c.Width; x++ {
				o, d := c.Ray([2]float64{float64(x), float64(y)})
				if h := s.Hit(o, d); h >= 0 {
					m.Pix[y*c.Width+x] = maskcodec.Inside
					copy(rgb[3*(y*c.Width+x):], s[h].Color[:])
				}
			}
		}
		masks[ci], rgbs[ci] = m, rgb
	}
	return masks, rgbs
}

// FrameSet crops the masks (and colours, when given) into a frame set.
func FrameSet(r *rig.Rig, masks []*maskcodec.Mask, rgbs [][]uint8) (*frameset.FrameSet, error) {
	fs := &frameset.FrameSet{BoothID: r.BoothID, Rig: r, CaptureTimeNs: 1}
	for i := range r.Cameras {
		var rgb []uint8
		if rgbs != nil {
			rgb = rgbs[i]
		}
		v, err := frameset.CropView(r, r.Cameras[i].ID, masks[i], rgb, 4)
		if err != nil {
			return nil, err
		}
		fs.Views = append(fs.Views, v)
	}
	return fs, fs.Check()
}

// InHull reports whether p projects inside every camera's mask (nearest
// pixel): the ideal visual hull. Cameras that do not see p abstain.
func InHull(r *rig.Rig, masks []*maskcodec.Mask, p [3]float64) bool {
	for i := range r.Cameras {
		c := &r.Cameras[i]
		px, z := c.Project(p)
		if z <= 0 {
			continue
		}
		x, y := int(math.Floor(px[0]+0.5)), int(math.Floor(px[1]+0.5))
		if x < 0 || y < 0 || x >= c.Width || y >= c.Height {
			continue
		}
		if masks[i].Pix[y*c.Width+x] == 0 {
			return false
		}
	}
	return true
}
