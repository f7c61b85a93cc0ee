package frameset

import (
	"image"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/maskcodec"
)

// View is one camera's decoded contribution to a frame set.
type View struct {
	// Camera points into the rig the frame set was decoded against.
	Camera *rig.Camera
	// Index is the camera's position in Rig.Cameras.
	Index int
	// Crop is the rectangle of the full image, in full-image pixels, that
	// Mask and Color cover.
	Crop image.Rectangle
	// Scale is mask pixels per full-image pixel, in (0, 1].
	Scale float64
	// Mask covers Crop at Scale; non-zero is inside the person.
	Mask maskcodec.Mask
	// Color holds RGB, 3 bytes per mask pixel, row-major, or is empty when
	// the view carries no colour.
	Color []uint8
	// CaptureTimeNs is the view's capture time on the booth's clock.
	CaptureTimeNs int64
}

// HasColor reports whether the view carries a colour crop.
func (v *View) HasColor() bool { return len(v.Color) > 0 }

// MaskCoord maps a full-image pixel coordinate to the mask's pixel
// coordinate (see the package documentation).
func (v *View) MaskCoord(u, w float64) (mx, my float64) {
	return (u-float64(v.Crop.Min.X)+0.5)*v.Scale - 0.5, (w-float64(v.Crop.Min.Y)+0.5)*v.Scale - 0.5
}

// FrameSet is one instant seen by the rig's cameras, decoded.
type FrameSet struct {
	BoothID       string
	Sequence      uint64
	CaptureTimeNs int64
	// Rig is the rig the views were checked against.
	Rig *rig.Rig
	// Views holds one entry per camera that delivered, in the order they
	// arrived.
	Views []View
	// Missing lists the rig's camera IDs without a view.
	Missing []int
}
