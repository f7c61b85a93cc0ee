package metrics

import (
	"fmt"
	"math"
)

// MaskIoU returns the intersection over union of two masks of equal size,
// any non-zero byte counting as inside. Two empty masks have IoU 1.
func MaskIoU(a, b []uint8) (float64, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("mask IoU: %w: %d and %d pixels", ErrSize, len(a), len(b))
	}
	var in, un int
	for i := range a {
		ia, ib := a[i] != 0, b[i] != 0
		if ia && ib {
			in++
		}
		if ia || ib {
			un++
		}
	}
	if un == 0 {
		return 1, nil
	}
	return float64(in) / float64(un), nil
}

// PSNR returns the peak signal-to-noise ratio in dB of two RGB images (3
// bytes per pixel) of equal size, with peak 255: 10 log10(255² / MSE), the
// mean squared error taken over every channel of the pixels compared. mask,
// when not empty, has one byte per pixel and restricts the comparison to
// the pixels where it is non-zero. Identical pixels give +Inf; no pixel to
// compare fails with ErrEmpty.
func PSNR(a, b []uint8, mask []uint8) (float64, error) {
	if len(a) != len(b) || len(a)%3 != 0 {
		return 0, fmt.Errorf("PSNR: %w: %d and %d bytes of RGB", ErrSize, len(a), len(b))
	}
	if len(mask) != 0 && 3*len(mask) != len(a) {
		return 0, fmt.Errorf("PSNR: %w: mask of %d pixels for %d", ErrSize, len(mask), len(a)/3)
	}
	var sum, n int64
	for p := 0; p < len(a)/3; p++ {
		if len(mask) != 0 && mask[p] == 0 {
			continue
		}
		for k := 3 * p; k < 3*p+3; k++ {
			d := int64(a[k]) - int64(b[k])
			sum += d * d
		}
		n += 3
	}
	if n == 0 {
		return 0, fmt.Errorf("PSNR: %w: no pixel to compare", ErrEmpty)
	}
	if sum == 0 {
		return math.Inf(1), nil
	}
	mse := float64(sum) / float64(n)
	return 10 * math.Log10(255*255/mse), nil
}
