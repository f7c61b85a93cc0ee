package frameset

import (
	"encoding/binary"
	"fmt"
	"image"
	"math"
	"runtime"
	"sync"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
)

// Decode decodes and checks a frame set against the rig. See DecodeInto.
func Decode(fs *pb.FrameSet, r *rig.Rig) (*FrameSet, error) {
	out := &FrameSet{}
	if err := DecodeInto(out, fs, r); err != nil {
		return nil, err
	}
	return out, nil
}

// DecodeInto decodes fs into dst, reusing dst's mask and colour buffers
// from an earlier call. Masks and colour crops are decoded in parallel
// with maskcodec's pooled decoders; a receiver decoding frame after frame
// should hold a Decoder instead. On error dst holds partial results and
// must not be used.
func DecodeInto(dst *FrameSet, fs *pb.FrameSet, r *rig.Rig) error {
	return decodeInto(dst, fs, r, nil)
}

func decodeInto(dst *FrameSet, fs *pb.FrameSet, r *rig.Rig, d *Decoder) error {
	if err := CheckRig(r); err != nil {
		return err
	}
	if fs == nil || len(fs.GetViews()) == 0 {
		return fmt.Errorf("frame set %d: %w", fs.GetSequence(), ErrEmpty)
	}
	dst.BoothID = fs.GetBoothId()
	dst.Sequence = fs.GetSequence()
	dst.CaptureTimeNs = fs.GetCaptureTimeNs()
	dst.Rig = r
	views := fs.GetViews()
	if cap(dst.Views) < len(views) {
		old := dst.Views
		dst.Views = make([]View, len(views))
		copy(dst.Views, old[:cap(old)])
	}
	dst.Views = dst.Views[:len(views)]
	seen := make(map[int]bool, len(views))
	for i, pv := range views {
		if err := prepareView(&dst.Views[i], pv, r, seen); err != nil {
			return err
		}
	}
	dst.Missing = dst.Missing[:0]
	for i := range r.Cameras {
		if !seen[r.Cameras[i].ID] {
			dst.Missing = append(dst.Missing, r.Cameras[i].ID)
		}
	}
	errs := make([]error, len(views))
	parallel(len(views), func(w, i int) {
		var md *maskcodec.Decoder
		if d != nil {
			md = d.masks[w]
		}
		errs[i] = decodePayload(&dst.Views[i], views[i], md)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// CheckRig reports whether the rig is usable: it has cameras and every
// camera passes rig validation (finite, positive intrinsics, a rotation,
// unique IDs).
func CheckRig(r *rig.Rig) error {
	if r == nil || len(r.Cameras) == 0 {
		return fmt.Errorf("%w: no cameras", ErrRig)
	}
	for i := range r.Cameras {
		c := &r.Cameras[i]
		if err := c.Validate(); err != nil {
			return fmt.Errorf("%w: camera %d: %w", ErrRig, c.ID, err)
		}
	}
	seen := make(map[int]bool, len(r.Cameras))
	for i := range r.Cameras {
		if seen[r.Cameras[i].ID] {
			return fmt.Errorf("%w: camera %d: duplicate id", ErrRig, r.Cameras[i].ID)
		}
		seen[r.Cameras[i].ID] = true
	}
	return nil
}

// prepareView checks a view's header against the rig and fills everything
// but the payloads.
func prepareView(v *View, pv *pb.View, r *rig.Rig, seen map[int]bool) error {
	id64 := pv.GetCameraId()
	if id64 > math.MaxInt32 {
		return fmt.Errorf("camera %d: %w", id64, ErrUnknownCamera)
	}
	id := int(id64)
	idx := -1
	for i := range r.Cameras {
		if r.Cameras[i].ID == id {
			idx = i
			break
		}
	}
	if idx < 0 {
		return fmt.Errorf("camera %d: %w", id, ErrUnknownCamera)
	}
	if seen[id] {
		return fmt.Errorf("camera %d: %w", id, ErrDuplicate)
	}
	seen[id] = true
	cam := &r.Cameras[idx]
	c := pv.GetCrop()
	if c == nil || c.GetWidth() == 0 || c.GetHeight() == 0 {
		return fmt.Errorf("camera %d: crop is missing or empty: %w", id, ErrCrop)
	}
	x, y, w, h := uint64(c.GetX()), uint64(c.GetY()), uint64(c.GetWidth()), uint64(c.GetHeight())
	if x+w > uint64(cam.Width) || y+h > uint64(cam.Height) {
		return fmt.Errorf("camera %d: crop %dx%d at (%d,%d) leaves the %dx%d image: %w", id, w, h, x, y, cam.Width, cam.Height, ErrCrop)
	}
	s := float64(pv.GetScale())
	if !(s > 0 && s <= 1) {
		return fmt.Errorf("camera %d: scale %v outside (0, 1]: %w", id, s, ErrCrop)
	}
	v.Camera = cam
	v.Index = idx
	v.Crop = image.Rect(int(x), int(y), int(x+w), int(y+h))
	v.Scale = s
	v.CaptureTimeNs = pv.GetCaptureTimeNs()
	return nil
}

// ScaledSize returns the mask size of a crop at a scale: the crop's size
// times the scale, rounded, at least 1 (the rule of proto/wire).
func ScaledSize(crop image.Rectangle, scale float64) (w, h int) {
	f := func(n int) int {
		v := int(math.Round(float64(n) * float64(float32(scale))))
		return max(v, 1)
	}
	return f(crop.Dx()), f(crop.Dy())
}

// decodePayload decodes the view's mask and colour and checks their sizes;
// md is the mask decoder to use (nil: maskcodec's pooled one).
func decodePayload(v *View, pv *pb.View, md *maskcodec.Decoder) error {
	id := v.Camera.ID
	if pv.GetMaskCodec() != pb.MaskCodec_MASK_CODEC_ROWRUN_V1 {
		return fmt.Errorf("camera %d: mask codec %v: %w", id, pv.GetMaskCodec(), ErrMask)
	}
	w, h := ScaledSize(v.Crop, v.Scale)
	// A few bytes can declare an 8192x8192 mask; refuse a wrong size
	// before the decoder allocates and fills it.
	if mw, mh, ok := peekMaskSize(pv.GetMask()); ok && (mw != w || mh != h) {
		return fmt.Errorf("camera %d: mask is %dx%d, crop %dx%d at scale %g wants %dx%d: %w",
			id, mw, mh, v.Crop.Dx(), v.Crop.Dy(), v.Scale, w, h, ErrSize)
	}
	var err error
	if md != nil {
		err = md.DecodeInto(&v.Mask, pv.GetMask())
	} else {
		err = maskcodec.DecodeInto(&v.Mask, pv.GetMask())
	}
	if err != nil {
		return fmt.Errorf("camera %d: %w: %w", id, ErrMask, err)
	}
	if v.Mask.Width != w || v.Mask.Height != h {
		return fmt.Errorf("camera %d: mask is %dx%d, crop %dx%d at scale %g wants %dx%d: %w",
			id, v.Mask.Width, v.Mask.Height, v.Crop.Dx(), v.Crop.Dy(), v.Scale, w, h, ErrSize)
	}
	v.Color, err = decodeColor(v.Color[:0], pv.GetColorCodec(), pv.GetColor(), w, h)
	if err != nil {
		return fmt.Errorf("camera %d: %w", id, err)
	}
	return nil
}

// peekMaskSize reads the width and height from a maskcodec version-1
// header (magic "Mk", version, flags, uvarint width, uvarint height; see
// the maskcodec package documentation). ok is false for anything else,
// which the decoder then rejects on its own terms.
func peekMaskSize(b []byte) (w, h int, ok bool) {
	if len(b) < 4 || b[0] != 'M' || b[1] != 'k' || b[2] != 1 {
		return 0, 0, false
	}
	uw, n := binary.Uvarint(b[4:])
	if n <= 0 {
		return 0, 0, false
	}
	uh, m := binary.Uvarint(b[4+n:])
	if m <= 0 || uw > maskcodec.MaxWidth || uh > maskcodec.MaxHeight {
		return 0, 0, false
	}
	return int(uw), int(uh), true
}

// parallel runs fn(w, i) for i in 0..n-1 on up to GOMAXPROCS goroutines,
// w numbering the goroutine.
func parallel(n int, fn func(w, i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(0, i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}
