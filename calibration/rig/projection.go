package rig

import "math"

// WorldToCamera transforms a world point into the camera frame (OpenCV axes:
// x right, y down, z forward).
func (c *Camera) WorldToCamera(p [3]float64) [3]float64 {
	return c.Pose.Apply(p)
}

// Project maps a world point to a pixel, with distortion. depth is the
// camera-frame z of the point; when it is <= 0 the point is behind the camera
// and px is meaningless.
func (c *Camera) Project(p [3]float64) (px [2]float64, depth float64) {
	pc := c.WorldToCamera(p)
	if pc[2] <= 0 {
		return [2]float64{math.NaN(), math.NaN()}, pc[2]
	}
	return c.ProjectCam(pc), pc[2]
}

// ProjectCam maps a camera-frame point (z > 0) to a pixel, with distortion.
func (c *Camera) ProjectCam(pc [3]float64) (px [2]float64) {
	x, y := pc[0]/pc[2], pc[1]/pc[2]
	xd, yd := c.D.Distort(x, y)
	return [2]float64{c.K.Fx*xd + c.K.Cx, c.K.Fy*yd + c.K.Cy}
}

// Normalized removes the intrinsics and the distortion from a pixel and
// returns the normalized image coordinates (x, y) of the ray, so that the
// camera-frame direction is (x, y, 1).
func (c *Camera) Normalized(px [2]float64) (x, y float64) {
	xd := (px[0] - c.K.Cx) / c.K.Fx
	yd := (px[1] - c.K.Cy) / c.K.Fy
	return c.D.Undistort(xd, yd)
}

// Ray returns the world ray through a pixel, with the distortion removed:
// origin is the camera centre and dir has unit length. For pixels where the
// distortion has no inverse (see Distortion.Undistort; this happens only far
// outside the image for realistic lenses) dir follows the best estimate.
func (c *Camera) Ray(px [2]float64) (origin, dir [3]float64) {
	x, y := c.Normalized(px)
	n := math.Sqrt(x*x + y*y + 1)
	dc := [3]float64{x / n, y / n, 1 / n}
	return c.Center(), c.Pose.RotateInverse(dc)
}

// Center returns the camera centre in world coordinates, -R^T t.
func (c *Camera) Center() [3]float64 {
	return c.Pose.Center()
}

// InImage reports whether a pixel lies inside the image, whose pixels cover
// [-0.5, W-0.5) x [-0.5, H-0.5).
func (c *Camera) InImage(px [2]float64) bool {
	return px[0] >= -0.5 && px[0] < float64(c.Width)-0.5 &&
		px[1] >= -0.5 && px[1] < float64(c.Height)-0.5
}
