package frameset

import (
	"fmt"
	"image"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/maskcodec"
)

// MaxDownscale is the largest working-scale divisor ScaledCropView takes
// (booth-capture's segmenter takes 1 to 8).
const MaxDownscale = 8

// ScaledCropView builds a view from a full-image mask (and optional
// full-image RGB colour, 3 bytes per pixel) the way a booth segmenting at
// 1/d of the image sends it (booth-capture's encode package):
//
//   - The working image is floor(w/d) x floor(h/d) pixels, each the d x d
//     block of the full image at its position; a remainder of fewer than d
//     columns or rows at the right or bottom edge is left out (as
//     booth-capture's cvx.WorkSize), so it is never inside any crop.
//   - A working mask pixel is inside when at least half of its block's
//     full-image pixels are (non-zero): OpenCV's INTER_AREA of a 0/255
//     mask thresholded above 127, which for whole blocks is the block mean
//     rounded.
//   - A working colour pixel is the mean of its block, per channel,
//     rounded to nearest (halves up).
//   - The crop is the bounding box of the working mask's inside pixels
//     grown by margin working pixels and clipped to the working image; in
//     full-image pixels (View.Crop) its corners are multiples of d. Scale
//     is 1/d.
//   - With no inside working pixel (nobody in view, or only slivers
//     thinner than half a block), the view covers the whole working image
//     with an empty mask and no colour, as the booth sends it.
//
// d = 1 is CropView with the same margin. The camera must belong to r.
func ScaledCropView(r *rig.Rig, cameraID int, full *maskcodec.Mask, rgb []uint8, margin, d int) (View, error) {
	if d == 1 {
		return CropView(r, cameraID, full, rgb, margin)
	}
	idx, err := checkFull(r, cameraID, full, rgb)
	if err != nil {
		return View{}, err
	}
	cam := &r.Cameras[idx]
	if d < 1 || d > MaxDownscale || d > cam.Width || d > cam.Height {
		return View{}, fmt.Errorf("camera %d: downscale %d for a %dx%d image (want 1 to %d, at most the image's size): %w",
			cameraID, d, cam.Width, cam.Height, MaxDownscale, ErrSize)
	}
	if margin < 0 {
		return View{}, fmt.Errorf("camera %d: margin %d < 0: %w", cameraID, margin, ErrCrop)
	}
	ww, wh := cam.Width/d, cam.Height/d
	work := image.Rect(0, 0, ww, wh)
	v := View{Camera: cam, Index: idx, Scale: 1 / float64(d)}
	// Working pixels that can be inside lie in the full box snapped
	// outwards to whole blocks.
	fb := maskBounds(full)
	cand := image.Rect(fb.Min.X/d, fb.Min.Y/d, (fb.Max.X+d-1)/d, (fb.Max.Y+d-1)/d).Intersect(work)
	box := image.Rectangle{}
	if !fb.Empty() && !cand.Empty() {
		box = maskBounds(blockMask(full, cand, d))
	}
	if box.Empty() {
		v.Crop = image.Rect(0, 0, ww*d, wh*d)
		v.Mask = maskcodec.Mask{Width: ww, Height: wh, Pix: make([]uint8, ww*wh)}
		return v, nil
	}
	box = box.Add(cand.Min).Inset(-margin).Intersect(work)
	v.Crop = image.Rect(box.Min.X*d, box.Min.Y*d, box.Max.X*d, box.Max.Y*d)
	v.Mask = *blockMask(full, box, d)
	if len(rgb) != 0 {
		v.Color = blockColor(rgb, cam.Width, box, d)
	}
	return v, nil
}

// blockMask returns the working mask over box (working pixels): 255 where
// at least half of the d x d block is non-zero, else 0.
func blockMask(full *maskcodec.Mask, box image.Rectangle, d int) *maskcodec.Mask {
	w, h := box.Dx(), box.Dy()
	m := &maskcodec.Mask{Width: w, Height: h, Pix: make([]uint8, w*h)}
	area := d * d
	for y := 0; y < h; y++ {
		fy := (box.Min.Y + y) * d
		for x := 0; x < w; x++ {
			fx := (box.Min.X + x) * d
			n := 0
			for dy := 0; dy < d; dy++ {
				row := full.Pix[(fy+dy)*full.Width+fx : (fy+dy)*full.Width+fx+d]
				for _, p := range row {
					if p != 0 {
						n++
					}
				}
			}
			if 2*n >= area { // at least half the block
				m.Pix[y*w+x] = 255
			}
		}
	}
	return m
}

// blockColor returns the working colour over box: each channel the mean
// of the d x d block of rgb (fullW pixels a row), rounded, halves up.
func blockColor(rgb []uint8, fullW int, box image.Rectangle, d int) []uint8 {
	w, h := box.Dx(), box.Dy()
	out := make([]uint8, 3*w*h)
	n := d * d
	for y := 0; y < h; y++ {
		fy := (box.Min.Y + y) * d
		for x := 0; x < w; x++ {
			fx := (box.Min.X + x) * d
			var s [3]int
			for dy := 0; dy < d; dy++ {
				o := 3 * ((fy+dy)*fullW + fx)
				p := rgb[o : o+3*d]
				for k := 0; k < 3*d; k += 3 {
					s[0] += int(p[k])
					s[1] += int(p[k+1])
					s[2] += int(p[k+2])
				}
			}
			o := 3 * (y*w + x)
			for c := 0; c < 3; c++ {
				out[o+c] = uint8((s[c] + n/2) / n)
			}
		}
	}
	return out
}
