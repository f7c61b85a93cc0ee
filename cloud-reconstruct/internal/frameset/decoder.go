package frameset

import (
	"fmt"
	"runtime"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/proto/maskcodec"
	"cloudme.dev/proto/pb"
)

// Decoder decodes frame set after frame set with its own mask decoders,
// one per decoding goroutine, so that their entropy decoders are built
// once rather than whenever a pool was emptied. A Decoder is not safe for
// concurrent use; Close releases it.
type Decoder struct {
	masks []*maskcodec.Decoder
}

// NewDecoder returns a Decoder using up to GOMAXPROCS goroutines.
func NewDecoder() (*Decoder, error) {
	d := &Decoder{}
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		md, err := maskcodec.NewDecoder()
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("frame set decoder: %w", err)
		}
		d.masks = append(d.masks, md)
	}
	return d, nil
}

// DecodeInto is the package-level DecodeInto with the Decoder's own mask
// decoders.
func (d *Decoder) DecodeInto(dst *FrameSet, fs *pb.FrameSet, r *rig.Rig) error {
	return decodeInto(dst, fs, r, d)
}

// Close releases the mask decoders; closing twice is safe.
func (d *Decoder) Close() {
	for _, md := range d.masks {
		md.Close()
	}
	d.masks = nil
}
