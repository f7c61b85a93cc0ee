package colmap

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"cloudme.dev/calibration/rig"
)

// maxLineBytes bounds one line of input.
const maxLineBytes = 1 << 16

// Camera is one record of cameras.txt converted to the rig's model (pixel
// centres at integers).
type Camera struct {
	ID            int
	Width, Height int
	K             rig.Intrinsics
	D             rig.Distortion
}

// Image is one record of images.txt.
type Image struct {
	ID, CameraID int
	Pose         rig.Pose
	Name         string
}

// ParseCameras reads cameras.txt. Supported models: SIMPLE_PINHOLE,
// PINHOLE, SIMPLE_RADIAL, RADIAL, OPENCV, and FULL_OPENCV with k4-k6 zero.
func ParseCameras(data []byte) ([]Camera, error) {
	var out []Camera
	seen := map[int]bool{}
	err := eachLine(data, func(n int, f []string) error {
		if len(f) < 4 {
			return fmt.Errorf("cameras.txt line %d: want CAMERA_ID MODEL WIDTH HEIGHT PARAMS: %w", n, ErrSyntax)
		}
		ints, err := parseInts(f[0], f[2], f[3])
		if err != nil {
			return fmt.Errorf("cameras.txt line %d: %v: %w", n, err, ErrSyntax)
		}
		p, err := parseFloats(f[4:])
		if err != nil {
			return fmt.Errorf("cameras.txt line %d: %v: %w", n, err, ErrSyntax)
		}
		c := Camera{ID: ints[0], Width: ints[1], Height: ints[2]}
		if c.ID <= 0 || c.Width <= 0 || c.Height <= 0 {
			return fmt.Errorf("cameras.txt line %d: id, width and height must be positive: %w", n, ErrSyntax)
		}
		if seen[c.ID] {
			return fmt.Errorf("cameras.txt line %d: duplicate camera id %d: %w", n, c.ID, ErrSyntax)
		}
		seen[c.ID] = true
		if err := setModel(&c, f[1], p); err != nil {
			return fmt.Errorf("cameras.txt line %d: %w", n, err)
		}
		c.K.Cx -= 0.5
		c.K.Cy -= 0.5
		out = append(out, c)
		return nil
	})
	return out, err
}

func setModel(c *Camera, model string, p []float64) error {
	want := map[string]int{"SIMPLE_PINHOLE": 3, "PINHOLE": 4, "SIMPLE_RADIAL": 4, "RADIAL": 5, "OPENCV": 8, "FULL_OPENCV": 12}
	n, ok := want[model]
	if !ok {
		return fmt.Errorf("model %q: %w", model, ErrUnsupported)
	}
	if len(p) != n {
		return fmt.Errorf("model %s takes %d parameters, got %d: %w", model, n, len(p), ErrSyntax)
	}
	switch model {
	case "SIMPLE_PINHOLE":
		c.K = rig.Intrinsics{Fx: p[0], Fy: p[0], Cx: p[1], Cy: p[2]}
	case "SIMPLE_RADIAL":
		c.K = rig.Intrinsics{Fx: p[0], Fy: p[0], Cx: p[1], Cy: p[2]}
		c.D.K1 = p[3]
	case "RADIAL":
		c.K = rig.Intrinsics{Fx: p[0], Fy: p[0], Cx: p[1], Cy: p[2]}
		c.D.K1, c.D.K2 = p[3], p[4]
	default:
		c.K = rig.Intrinsics{Fx: p[0], Fy: p[1], Cx: p[2], Cy: p[3]}
		if len(p) >= 8 {
			c.D = rig.Distortion{K1: p[4], K2: p[5], P1: p[6], P2: p[7]}
		}
		if len(p) == 12 {
			if p[9] != 0 || p[10] != 0 || p[11] != 0 {
				return fmt.Errorf("FULL_OPENCV with rational terms k4-k6 %v: %w", p[9:], ErrUnsupported)
			}
			c.D.K3 = p[8]
		}
	}
	return nil
}

// ParseImages reads images.txt: each image line is followed by its
// POINTS2D line, which is skipped.
func ParseImages(data []byte) ([]Image, error) {
	var out []Image
	expectPoints := false
	err := eachLineRaw(data, func(n int, line string) error {
		if expectPoints {
			expectPoints = false
			return nil
		}
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		f := strings.Fields(line)
		if len(f) < 10 {
			return fmt.Errorf("images.txt line %d: want IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME: %w", n, ErrSyntax)
		}
		ids, err := parseInts(f[0], f[8])
		if err != nil {
			return fmt.Errorf("images.txt line %d: %v: %w", n, err, ErrSyntax)
		}
		v, err := parseFloats(f[1:8])
		if err != nil {
			return fmt.Errorf("images.txt line %d: %v: %w", n, err, ErrSyntax)
		}
		qn := math.Sqrt(v[0]*v[0] + v[1]*v[1] + v[2]*v[2] + v[3]*v[3])
		if !(qn > 1e-9) || math.Abs(qn-1) > 1e-3 {
			return fmt.Errorf("images.txt line %d: quaternion norm %g is not 1: %w", n, qn, ErrSyntax)
		}
		q := [4]float64{v[0] / qn, v[1] / qn, v[2] / qn, v[3] / qn}
		out = append(out, Image{ID: ids[0], CameraID: ids[1], Name: strings.Join(f[9:], " "),
			Pose: rig.Pose{R: quatToMat(q), T: [3]float64{v[4], v[5], v[6]}}})
		expectPoints = true
		return nil
	})
	return out, err
}

// Import builds a rig from cameras.txt and images.txt: one rig camera per
// image, rig ID = COLMAP camera_id - 1 (several images of one COLMAP
// camera are refused: a rig camera has one pose).
func Import(boothID string, camerasTxt, imagesTxt []byte) (*rig.Rig, error) {
	cams, err := ParseCameras(camerasTxt)
	if err != nil {
		return nil, err
	}
	imgs, err := ParseImages(imagesTxt)
	if err != nil {
		return nil, err
	}
	byID := map[int]Camera{}
	for _, c := range cams {
		byID[c.ID] = c
	}
	r := &rig.Rig{BoothID: boothID}
	used := map[int]string{}
	for _, im := range imgs {
		c, ok := byID[im.CameraID]
		if !ok {
			return nil, fmt.Errorf("image %d (%s) refers to camera %d, not in cameras.txt: %w", im.ID, im.Name, im.CameraID, ErrMismatch)
		}
		if prev, dup := used[im.CameraID]; dup {
			return nil, fmt.Errorf("camera %d has two images (%s, %s); a rig camera has one pose: %w", im.CameraID, prev, im.Name, ErrMismatch)
		}
		used[im.CameraID] = im.Name
		r.Cameras = append(r.Cameras, rig.Camera{ID: c.ID - 1, Name: im.Name, Width: c.Width, Height: c.Height, K: c.K, D: c.D, Pose: im.Pose})
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("imported rig: %w", err)
	}
	return r, nil
}

func quatToMat(q [4]float64) [9]float64 {
	w, x, y, z := q[0], q[1], q[2], q[3]
	return [9]float64{
		1 - 2*(y*y+z*z), 2 * (x*y - w*z), 2 * (x*z + w*y),
		2 * (x*y + w*z), 1 - 2*(x*x+z*z), 2 * (y*z - w*x),
		2 * (x*z - w*y), 2 * (y*z + w*x), 1 - 2*(x*x+y*y),
	}
}

func eachLineRaw(data []byte, f func(n int, line string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		if err := f(n, strings.TrimSpace(sc.Text())); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %v: %w", n+1, err, ErrSyntax)
	}
	return nil
}

func eachLine(data []byte, f func(n int, fields []string) error) error {
	return eachLineRaw(data, func(n int, line string) error {
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		return f(n, strings.Fields(line))
	})
}

func parseInts(s ...string) ([]int, error) {
	out := make([]int, len(s))
	for i, v := range s {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", v)
		}
		out[i] = n
	}
	return out, nil
}

func parseFloats(s []string) ([]float64, error) {
	out := make([]float64, len(s))
	for i, v := range s {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a finite number", v)
		}
		out[i] = f
	}
	return out, nil
}
