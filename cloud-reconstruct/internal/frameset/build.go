package frameset

import (
	"fmt"
	"image"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/maskcodec"
)

// CropView builds a view from a full-image mask (and optional full-image
// RGB colour, 3 bytes per pixel) the way a booth would send it: cropped at
// scale 1 to the bounding box of the inside pixels grown by margin pixels
// and clipped to the image. An empty mask gives a 1x1 crop at the image's
// origin holding one outside pixel. The camera must belong to r.
func CropView(r *rig.Rig, cameraID int, full *maskcodec.Mask, rgb []uint8, margin int) (View, error) {
	idx, err := checkFull(r, cameraID, full, rgb)
	if err != nil {
		return View{}, err
	}
	cam := &r.Cameras[idx]
	box := maskBounds(full)
	if box.Empty() {
		box = image.Rect(0, 0, 1, 1)
	} else {
		box = box.Inset(-margin).Intersect(image.Rect(0, 0, cam.Width, cam.Height))
	}
	v := View{Camera: cam, Index: idx, Crop: box, Scale: 1}
	w, h := box.Dx(), box.Dy()
	v.Mask = maskcodec.Mask{Width: w, Height: h, Pix: make([]uint8, w*h)}
	for y := 0; y < h; y++ {
		copy(v.Mask.Pix[y*w:(y+1)*w], full.Pix[(box.Min.Y+y)*full.Width+box.Min.X:])
	}
	if len(rgb) != 0 {
		v.Color = make([]uint8, 3*w*h)
		for y := 0; y < h; y++ {
			o := 3 * ((box.Min.Y+y)*cam.Width + box.Min.X)
			copy(v.Color[3*y*w:3*(y+1)*w], rgb[o:o+3*w])
		}
	}
	return v, nil
}

// checkFull finds the camera of a full-image mask and colour and checks
// their sizes against its image; it returns the camera's index in r.
func checkFull(r *rig.Rig, cameraID int, full *maskcodec.Mask, rgb []uint8) (int, error) {
	idx := -1
	for i := range r.Cameras {
		if r.Cameras[i].ID == cameraID {
			idx = i
		}
	}
	if idx < 0 {
		return -1, fmt.Errorf("camera %d: %w", cameraID, ErrUnknownCamera)
	}
	cam := &r.Cameras[idx]
	if full == nil || full.Width != cam.Width || full.Height != cam.Height || len(full.Pix) != full.Width*full.Height {
		w, h := 0, 0
		if full != nil {
			w, h = full.Width, full.Height
		}
		return -1, fmt.Errorf("camera %d: mask is %dx%d, the image %dx%d: %w", cameraID, w, h, cam.Width, cam.Height, ErrSize)
	}
	if len(rgb) != 0 && len(rgb) != 3*cam.Width*cam.Height {
		return -1, fmt.Errorf("camera %d: colour has %d bytes, want %d: %w", cameraID, len(rgb), 3*cam.Width*cam.Height, ErrSize)
	}
	return idx, nil
}

// maskBounds returns the bounding box of the inside pixels.
func maskBounds(m *maskcodec.Mask) image.Rectangle {
	x0, y0, x1, y1 := m.Width, m.Height, -1, -1
	for y := 0; y < m.Height; y++ {
		row := m.Pix[y*m.Width : (y+1)*m.Width]
		first := -1
		for x, p := range row {
			if p != 0 {
				first = x
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for x := m.Width - 1; x > first; x-- {
			if row[x] != 0 {
				last = x
				break
			}
		}
		x0, x1 = min(x0, first), max(x1, last)
		y0, y1 = min(y0, y), max(y1, y)
	}
	if x1 < 0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1+1, y1+1)
}

// Check verifies a frame set built by hand (not by Decode) against its
// rig: at least one view, every camera in the rig at most once, crops
// inside the images, masks and colours of the crop's scaled size.
func (fs *FrameSet) Check() error {
	if err := CheckRig(fs.Rig); err != nil {
		return err
	}
	if len(fs.Views) == 0 {
		return fmt.Errorf("frame set %d: %w", fs.Sequence, ErrEmpty)
	}
	seen := make(map[int]bool, len(fs.Views))
	for i := range fs.Views {
		v := &fs.Views[i]
		if v.Camera == nil || v.Index < 0 || v.Index >= len(fs.Rig.Cameras) || &fs.Rig.Cameras[v.Index] != v.Camera {
			return fmt.Errorf("view %d: %w", i, ErrUnknownCamera)
		}
		id := v.Camera.ID
		if seen[id] {
			return fmt.Errorf("camera %d: %w", id, ErrDuplicate)
		}
		seen[id] = true
		if v.Crop.Empty() || !v.Crop.In(image.Rect(0, 0, v.Camera.Width, v.Camera.Height)) {
			return fmt.Errorf("camera %d: crop %v leaves the %dx%d image: %w", id, v.Crop, v.Camera.Width, v.Camera.Height, ErrCrop)
		}
		if !(v.Scale > 0 && v.Scale <= 1) {
			return fmt.Errorf("camera %d: scale %v outside (0, 1]: %w", id, v.Scale, ErrCrop)
		}
		w, h := ScaledSize(v.Crop, v.Scale)
		if v.Mask.Width != w || v.Mask.Height != h || len(v.Mask.Pix) != w*h {
			return fmt.Errorf("camera %d: mask is %dx%d (%d bytes), want %dx%d: %w", id, v.Mask.Width, v.Mask.Height, len(v.Mask.Pix), w, h, ErrSize)
		}
		if len(v.Color) != 0 && len(v.Color) != 3*w*h {
			return fmt.Errorf("camera %d: colour has %d bytes, want %d: %w", id, len(v.Color), 3*w*h, ErrSize)
		}
	}
	return nil
}
