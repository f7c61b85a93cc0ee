package meshcodec

import "fmt"

const (
	// DefaultPositionBits quantizes each axis to 2^11-1 = 2047 steps of the
	// bounding box's largest side. Over a 2.5 m box one step is 1.2213 mm,
	// so the error is at most 0.611 mm per axis and 1.058 mm as a 3D
	// distance (sqrt(3) times that); over a 1.9 m person, 0.464 mm per axis.
	DefaultPositionBits = 11
	// DefaultColorBits keeps 6 of 8 bits per colour channel: the error is
	// at most 2 levels of 255 per channel (about 47 dB PSNR on uniform
	// content), below the noise of the booth cameras the colours come from,
	// while 5 bits (4 levels) starts to band on smooth skin gradients.
	DefaultColorBits = 6

	minPositionBits = 10
	maxPositionBits = 16
	minColorBits    = 1
	maxColorBits    = 8
)

// Options set the quantization of the encoder. The zero value selects the
// defaults.
type Options struct {
	// PositionBits is the number of bits per axis, 10 to 16; 0 means
	// DefaultPositionBits. All three axes share one step, the largest side
	// of the bounding box divided by 2^PositionBits-1, so the maximum error
	// per axis is PositionErrorBound.
	PositionBits int
	// ColorBits is the number of bits kept per colour channel, 1 to 8; 0
	// means DefaultColorBits. ColorErrorBound gives the maximum error.
	ColorBits int
}

func (o Options) withDefaults() (Options, error) {
	if o.PositionBits == 0 {
		o.PositionBits = DefaultPositionBits
	}
	if o.ColorBits == 0 {
		o.ColorBits = DefaultColorBits
	}
	if o.PositionBits < minPositionBits || o.PositionBits > maxPositionBits {
		return o, fmt.Errorf("%w: position bits %d outside %d..%d", ErrInvalidOptions, o.PositionBits, minPositionBits, maxPositionBits)
	}
	if o.ColorBits < minColorBits || o.ColorBits > maxColorBits {
		return o, fmt.Errorf("%w: colour bits %d outside %d..%d", ErrInvalidOptions, o.ColorBits, minColorBits, maxColorBits)
	}
	return o, nil
}

// PositionErrorBound returns the largest error per axis, in metres, of a
// position quantized with bits over a bounding box whose largest side is
// extent metres: extent / (2 * (2^bits - 1)), plus float32 rounding.
func PositionErrorBound(extent float64, bits int) float64 {
	return extent / (2 * float64(int(1)<<bits-1))
}

// ColorErrorBound returns the largest error, in levels of 255, of one colour
// channel kept with bits bits: floor(255 / (2 * (2^bits - 1))), which is 0
// for 8 bits, 1 for 7, 2 for 6 and 4 for 5.
func ColorErrorBound(bits int) int {
	return 255 / (2 * (1<<bits - 1))
}
