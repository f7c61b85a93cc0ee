package headless

import (
	"fmt"
	"image"

	"cloudme.dev/booth-render/internal/display"
	"cloudme.dev/booth-render/internal/model"
	"cloudme.dev/calibration/raster"
	"cloudme.dev/calibration/rig"
)

// Renderer draws models into one image of a fixed size covering the whole
// screen. It is not safe for concurrent use.
type Renderer struct {
	r      *raster.Renderer
	cam    *rig.Camera
	light  raster.Light
	bg     [3]uint8
	target *raster.Target
}

// NewRenderer returns a renderer of width x height pixels (the screen's
// resolution when zero) with workers goroutines (0: one per CPU).
func NewRenderer(g *display.Geometry, width, height, workers int) (*Renderer, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: no display geometry", ErrParams)
	}
	if width == 0 && height == 0 {
		width, height = g.Pixels()
	}
	cam, err := g.Camera(width, height)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrParams, err)
	}
	return &Renderer{
		r: raster.NewRenderer(workers), cam: cam, light: display.Light(),
		bg: g.Config().BackgroundRGB(), target: raster.NewTarget(width, height),
	}, nil
}

// Camera returns the projection the renderer draws with.
func (r *Renderer) Camera() *rig.Camera { return r.cam }

// Render draws m over the background; a nil m draws the background alone.
// The target is the renderer's own and valid until the next call.
func (r *Renderer) Render(m *model.Model) (*raster.Target, error) {
	var surf []raster.Surface
	if m != nil {
		surf = []raster.Surface{{Mesh: m.Mesh, Normals: m.Normals}}
	}
	light := r.light
	// Only the renderer writes into the target, so clearing what the last
	// renders drew is the same as clearing the screen: the person covers a
	// fraction of a 4K frame, and a whole clear is 58 MB of writes.
	opt := raster.Options{CullBack: true, Light: &light, Background: &r.bg, ClearDrawn: true}
	if err := r.r.Render(r.target, r.cam, surf, opt); err != nil {
		return nil, fmt.Errorf("render model: %w", err)
	}
	return r.target, nil
}

// Image converts the last render to an image, with status written across
// its lower part when status is not empty.
func (r *Renderer) Image(status string) *image.RGBA {
	t := r.target
	img := image.NewRGBA(image.Rect(0, 0, t.Width, t.Height))
	for i, j := 0, 0; i < len(t.Color); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = t.Color[i], t.Color[i+1], t.Color[i+2], 255
	}
	if status != "" {
		drawStatus(img, status)
	}
	return img
}
