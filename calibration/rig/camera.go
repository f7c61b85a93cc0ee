package rig

import "strconv"

// Intrinsics holds the pinhole parameters of a camera in pixels. Pixel
// centres lie at integer coordinates (the OpenCV convention), so the centre of
// a W-pixel-wide image is at (W-1)/2.
type Intrinsics struct{ Fx, Fy, Cx, Cy float64 }

// Pose maps world coordinates to camera coordinates: Xc = R*Xw + T. R is
// stored row-major and T is in metres.
type Pose struct {
	R [9]float64
	T [3]float64
}

// Camera is one calibrated camera of a rig.
type Camera struct {
	ID     int    // unique within a rig, >= 0
	Name   string // optional, e.g. "north-high" or a serial
	Width  int    // image width in pixels
	Height int    // image height in pixels
	K      Intrinsics
	D      Distortion
	Pose   Pose
}

// Rig is the set of calibrated cameras of one booth.
type Rig struct {
	BoothID string
	Cameras []Camera
}

// Camera returns the camera with the given id, or false if the rig has none.
// The pointer refers into r.Cameras.
func (r *Rig) Camera(id int) (*Camera, bool) {
	for i := range r.Cameras {
		if r.Cameras[i].ID == id {
			return &r.Cameras[i], true
		}
	}
	return nil, false
}

// label names the camera in error messages: "camera 3 (north-high)".
func (c *Camera) label() string {
	if c.Name == "" {
		return "camera " + strconv.Itoa(c.ID)
	}
	return "camera " + strconv.Itoa(c.ID) + " (" + c.Name + ")"
}
