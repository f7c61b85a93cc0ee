package display

import (
	"fmt"

	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
)

// Clip planes of the projection: camera-frame depth in metres. The near
// plane sits well inside the eye's validated distance to the person, the
// far one far behind any booth.
const (
	nearPlane = 0.05
	farPlane  = 50.0
)

// Geometry is a validated display config with the quantities derived from
// it. It is immutable.
type Geometry struct {
	cfg        Config
	w, h       int     // picture pixels as mounted
	top        float64 // y of the top edge
	pxX, pxY   float64 // pixels per metre across and up
	personBack float64 // the person's translation along -z
}

// NewGeometry validates c and derives the projection.
func NewGeometry(c Config) (*Geometry, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	w, h := c.Pixels()
	return &Geometry{
		cfg: c, w: w, h: h,
		top:        c.Screen.BottomEdge + c.Screen.Height,
		pxX:        float64(w) / c.Screen.Width,
		pxY:        float64(h) / c.Screen.Height,
		personBack: c.PersonDistance,
	}, nil
}

// Config returns the config the geometry was made from.
func (g *Geometry) Config() Config { return g.cfg }

// Pixels returns the screen's pixel size as mounted.
func (g *Geometry) Pixels() (w, h int) { return g.w, g.h }

// ScreenPixel maps a point (x, y) of the screen plane (z = 0, display
// frame) to its full-resolution pixel coordinates.
func (g *Geometry) ScreenPixel(x, y float64) (u, v float64) {
	return (x+g.cfg.Screen.Width/2)*g.pxX - 0.5, (g.top-y)*g.pxY - 0.5
}

// PersonToDisplay maps a point of the remote person's world frame to the
// display frame.
func (g *Geometry) PersonToDisplay(p [3]float64) [3]float64 {
	return [3]float64{p[0], p[1], p[2] - g.personBack}
}

// Camera returns the off-axis projection as a distortion-free rig camera
// whose pose takes the remote person's world frame (not the display
// frame) to the eye's camera frame, rendering an image of width x height
// pixels that covers the whole screen (the full-resolution image scaled;
// the aspect ratio need not be kept, as with a canvas stretched over the
// screen).
func (g *Geometry) Camera(width, height int) (*rig.Camera, error) {
	if width <= 0 || height <= 0 || width > 32768 || height > 32768 {
		return nil, fmt.Errorf("%w: %dx%d", ErrSize, width, height)
	}
	e := g.cfg.Eye
	sx, sy := float64(width)/float64(g.w), float64(height)/float64(g.h)
	// Full-resolution intrinsics, then scaled so that pixel edges (not
	// centres) stay on the screen's edges.
	fx, fy := g.pxX*e[2], g.pxY*e[2]
	cx, cy := g.ScreenPixel(e[0], e[1])
	k := rig.Intrinsics{
		Fx: fx * sx, Fy: fy * sy,
		Cx: (cx+0.5)*sx - 0.5, Cy: (cy+0.5)*sy - 0.5,
	}
	// Camera axes: x right (+x), y down (-y), z forward (-z). A person
	// point p sits at d = p - (0, 0, personBack) in the display frame and
	// at R (d - e) in the camera frame.
	pose := rig.Pose{
		R: [9]float64{1, 0, 0, 0, -1, 0, 0, 0, -1},
		T: [3]float64{-e[0], e[1], e[2] + g.personBack},
	}
	c := &rig.Camera{Name: "display", Width: width, Height: height, K: k, Pose: pose}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("display camera: %w", err)
	}
	return c, nil
}

// ClipMatrix returns the same projection as Camera as a 4x4 WebGL matrix,
// column-major (the layout uniformMatrix4fv takes), mapping a point of the
// remote person's world frame to clip space: x and y in NDC cover the
// screen edge to edge (y up), w is the depth in front of the eye, and
// depths nearPlane..farPlane map to NDC z -1..1. It does not depend on the
// canvas size.
func (g *Geometry) ClipMatrix() [16]float64 {
	e := g.cfg.Eye
	s := g.cfg.Screen
	d := e[2] // eye to screen plane
	// Screen edges relative to the eye's foot, scaled to the near plane
	// (glFrustum's l, r, b, t).
	l := (-s.Width/2 - e[0]) * nearPlane / d
	r := (s.Width/2 - e[0]) * nearPlane / d
	b := (s.BottomEdge - e[1]) * nearPlane / d
	t := (g.top - e[1]) * nearPlane / d
	n, f := nearPlane, farPlane
	// glFrustum, row-major.
	p := [16]float64{
		2 * n / (r - l), 0, (r + l) / (r - l), 0,
		0, 2 * n / (t - b), (t + b) / (t - b), 0,
		0, 0, -(f + n) / (f - n), -2 * f * n / (f - n),
		0, 0, -1, 0,
	}
	// View: the display frame moved so that the eye is at the origin; the
	// eye already looks along -z with +y up. Model: the person pushed
	// personBack behind the glass. Together a translation by
	// (-e.x, -e.y, -e.z - personBack).
	tr := [3]float64{-e[0], -e[1], -e[2] - g.personBack}
	var m [16]float64 // row-major p * translation
	for i := 0; i < 4; i++ {
		row := p[4*i : 4*i+4]
		m[4*i+0], m[4*i+1], m[4*i+2] = row[0], row[1], row[2]
		m[4*i+3] = row[0]*tr[0] + row[1]*tr[1] + row[2]*tr[2] + row[3]
	}
	var col [16]float64
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			col[4*j+i] = m[4*i+j]
		}
	}
	return col
}

// ApplyClip multiplies a column-major clip matrix by (p, 1) as the page's
// vertex shader does and returns the NDC point and w.
func ApplyClip(m [16]float64, p [3]float64) (ndc [3]float64, w float64) {
	var c [4]float64
	for i := 0; i < 4; i++ {
		c[i] = m[i]*p[0] + m[4+i]*p[1] + m[8+i]*p[2] + m[12+i]
	}
	return [3]float64{c[0] / c[3], c[1] / c[3], c[2] / c[3]}, c[3]
}

// NDCToPixel maps NDC x, y to the pixel coordinates of a width x height
// canvas (pixel centres at integers, v down), as WebGL's viewport does.
func NDCToPixel(x, y float64, width, height int) (u, v float64) {
	return (x+1)/2*float64(width) - 0.5, (1-y)/2*float64(height) - 0.5
}

// Light is the light both renderers shade the person with: from the front
// (the viewer's side), above and a little to the viewer's right, in the
// person's world frame (the person faces +Z, towards the viewer).
func Light() raster.Light {
	return raster.Light{Dir: [3]float64{-0.3, 0.6, 1}, Ambient: 0.45}
}
