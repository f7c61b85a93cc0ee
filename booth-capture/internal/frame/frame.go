// Package frame holds the image one camera delivers at one instant and the
// set of images the synchronizer groups from all cameras.
package frame

import "fmt"

// Frame is one camera image. Pixels are always 8-bit RGB, row-major, no
// padding: every source converts to this on its own goroutine, so later
// stages never care where a frame came from. A frame's buffers are
// read-only once a source has handed it over: dataset and replayed
// synthetic sources hand the same pixels out more than once.
type Frame struct {
	CameraID      uint32
	Width, Height int
	Pix           []byte // RGB, 3*Width*Height bytes
	// CaptureNs is the capture time, Unix nanoseconds on the booth clock,
	// taken when the image was read from the device (or, for the synthetic
	// booth, the instant the camera saw the person).
	CaptureNs  int64
	ExposureUs uint32
	// Truth is the exact person mask (255 inside) when the source knows it
	// (synthetic booth, synth datasets), else nil. Only metrics read it.
	Truth []byte
}

// Check reports whether the frame's buffers match its size.
func (f *Frame) Check() error {
	if f.Width <= 0 || f.Height <= 0 {
		return fmt.Errorf("camera %d: frame size %dx%d", f.CameraID, f.Width, f.Height)
	}
	if len(f.Pix) != 3*f.Width*f.Height {
		return fmt.Errorf("camera %d: %d pixel bytes for %dx%d RGB", f.CameraID, len(f.Pix), f.Width, f.Height)
	}
	if f.Truth != nil && len(f.Truth) != f.Width*f.Height {
		return fmt.Errorf("camera %d: %d truth bytes for %dx%d", f.CameraID, len(f.Truth), f.Width, f.Height)
	}
	return nil
}

// Set is the frames of one instant, one per camera that delivered in time.
type Set struct {
	Seq       uint64
	CaptureNs int64   // median capture time of the frames
	SkewNs    int64   // latest minus earliest capture time
	SyncedNs  int64   // when the set was assembled
	Frames    []Frame // ordered by camera id
	Missing   []uint32
}
