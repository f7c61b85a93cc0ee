package metrics

import (
	"errors"
	"math"
	"testing"
)

func TestMaskIoU(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b []uint8
		want float64
		err  error
	}{
		{"half overlap", []uint8{255, 255, 0, 0}, []uint8{0, 255, 255, 0}, 1.0 / 3, nil},
		{"any non-zero counts", []uint8{1, 0, 7}, []uint8{255, 0, 255}, 1, nil},
		{"disjoint", []uint8{1, 0}, []uint8{0, 1}, 0, nil},
		{"both empty", []uint8{0, 0}, []uint8{0, 0}, 1, nil},
		{"zero length", nil, nil, 1, nil},
		{"size mismatch", []uint8{1}, []uint8{1, 1}, 0, ErrSize},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := MaskIoU(tc.a, tc.b)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if math.Abs(got-tc.want) > 1e-12 {
				t.Fatalf("IoU %g, want %g", got, tc.want)
			}
		})
	}
}

func TestPSNR(t *testing.T) {
	t.Parallel()
	a := []uint8{10, 20, 30, 40, 50, 60}
	tests := []struct {
		name string
		b    []uint8
		mask []uint8
		want float64
		err  error
	}{
		{"identical", []uint8{10, 20, 30, 40, 50, 60}, nil, math.Inf(1), nil},
		{"all off by 5", []uint8{15, 25, 35, 45, 55, 65}, nil, 10 * math.Log10(255*255/25.0), nil},
		{"mask hides the difference", []uint8{10, 20, 30, 0, 0, 0}, []uint8{255, 0}, math.Inf(1), nil},
		{"mask keeps the difference", []uint8{10, 20, 30, 40, 50, 63}, []uint8{0, 1}, 10 * math.Log10(255*255/3.0), nil},
		{"empty mask", []uint8{10, 20, 30, 40, 50, 60}, []uint8{0, 0}, 0, ErrEmpty},
		{"size mismatch", []uint8{1, 2, 3}, nil, 0, ErrSize},
		{"mask size", []uint8{10, 20, 30, 40, 50, 60}, []uint8{1}, 0, ErrSize},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := PSNR(a, tc.b, tc.mask)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if got != tc.want && math.Abs(got-tc.want) > 1e-9 {
				t.Fatalf("PSNR %g, want %g", got, tc.want)
			}
		})
	}
	t.Run("one byte off by 255", func(t *testing.T) {
		t.Parallel()
		x, y := make([]uint8, 6), make([]uint8, 6)
		y[4] = 255
		got, err := PSNR(x, y, nil)
		if err != nil || math.Abs(got-10*math.Log10(6)) > 1e-9 {
			t.Fatalf("PSNR %g, %v; want %g", got, err, 10*math.Log10(6))
		}
	})
}
