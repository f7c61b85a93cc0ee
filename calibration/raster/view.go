package raster

import (
	"fmt"
	"math"

	"cloudme.dev/calibration/rig"
)

// nearZ is the near clipping plane, camera-frame z in metres.
const nearZ = 0.01

// guardScale sets the guard frustum: triangles are clipped in camera space
// against |x| <= g_x z and |y| <= g_y z, g being guardScale times the
// normalised half-extent of the image. Vertices inside the guard project to
// bounded pixel coordinates, so the fixed-point edge functions never
// overflow.
const guardScale = 3

// projector maps a camera-frame point (z >= nearZ) to a pixel, given also
// iz = 1/z. camProjector (a rig camera: pinhole with Brown-Conrady
// distortion) is the only one today; an off-axis display projection for
// booth-render would be another, with its own view constructor.
type projector interface {
	project(x, y, iz float64) (sx, sy float64)
}

// camProjector is the projection of a rig camera, the same model as
// rig.Camera.ProjectCam (which the tests hold it to), written out so that
// the hot loop divides once per vertex.
type camProjector struct {
	k       rig.Intrinsics
	d       rig.Distortion
	distort bool
}

func (p *camProjector) project(x, y, iz float64) (sx, sy float64) {
	xn, yn := x*iz, y*iz
	if p.distort {
		xn, yn = p.d.Distort(xn, yn)
	}
	return p.k.Fx*xn + p.k.Cx, p.k.Fy*yn + p.k.Cy
}

// view is everything Render needs to know about where it looks from.
type view struct {
	r      [9]float64 // world to camera rotation, row-major
	t      [3]float64 // world to camera translation
	proj   projector
	w, h   int
	gx, gy float64 // guard frustum slopes
}

// cameraView sets r.view (and r.camProj, which it points to) to the view of
// a rig camera.
func (r *Renderer) cameraView(c *rig.Camera) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrCamera, err)
	}
	if c.Width > maxSize || c.Height > maxSize {
		return fmt.Errorf("%w: %dx%d pixels exceeds %d", ErrCamera, c.Width, c.Height, maxSize)
	}
	ex := math.Max(math.Abs((-0.5-c.K.Cx)/c.K.Fx), math.Abs((float64(c.Width)-0.5-c.K.Cx)/c.K.Fx))
	ey := math.Max(math.Abs((-0.5-c.K.Cy)/c.K.Fy), math.Abs((float64(c.Height)-0.5-c.K.Cy)/c.K.Fy))
	gx, gy := guardScale*ex, guardScale*ey
	if rmax := monotonicRadius(c.D, math.Hypot(gx, gy)); rmax < math.Hypot(gx, gy) {
		// Beyond rmax the radial polynomial folds back and far points would
		// land inside the image: keep the guard within it.
		s := rmax / math.Hypot(gx, gy)
		gx, gy = gx*s, gy*s
	}
	r.camProj = camProjector{k: c.K, d: c.D, distort: !c.D.IsZero()}
	r.view = view{r: c.Pose.R, t: c.Pose.T, proj: &r.camProj, w: c.Width, h: c.Height, gx: gx, gy: gy}
	return nil
}

// monotonicRadius returns the first normalised radius in (0, limit] at which
// r*radial(r) stops increasing, scaled by 0.95, or limit when it increases
// throughout. Tangential terms are ignored.
func monotonicRadius(d rig.Distortion, limit float64) float64 {
	if d.K1 == 0 && d.K2 == 0 && d.K3 == 0 {
		return limit
	}
	const steps = 1000
	for i := 1; i <= steps; i++ {
		r := limit * float64(i) / steps
		r2 := r * r
		slope := 1 + r2*(3*d.K1+r2*(5*d.K2+r2*7*d.K3))
		if slope <= 0 {
			return 0.95 * r
		}
	}
	return limit
}
