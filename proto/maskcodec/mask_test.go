package maskcodec

import (
	"errors"
	"testing"

	"cloudme.dev/proto/internal/testmask"
)

func TestNew(t *testing.T) {
	t.Parallel()
	m := New(7, 3)
	if m.Width != 7 || m.Height != 3 || len(m.Pix) != 21 || m.Count() != 0 {
		t.Fatalf("New(7, 3) = %dx%d with %d bytes, %d inside", m.Width, m.Height, len(m.Pix), m.Count())
	}
}

func TestAt(t *testing.T) {
	t.Parallel()
	m := New(3, 2)
	m.Pix[1*3+2] = 7 // any non-zero value is inside
	tests := []struct {
		x, y int
		want bool
	}{
		{2, 1, true},
		{0, 0, false},
		{1, 1, false},
		{-1, 0, false},
		{3, 1, false},
		{2, 2, false},
		{0, -1, false},
	}
	for _, tc := range tests {
		if got := m.At(tc.x, tc.y); got != tc.want {
			t.Errorf("At(%d, %d) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		w, h int
		pix  []uint8
	}{
		{"empty 0x0", 0, 0, nil},
		{"one row of 13", 13, 1, testmask.Noise(13, 1, 0.5, 1)},
		{"noise 1921x3", 1921, 3, testmask.Noise(1921, 3, 0.3, 2)},
		{"checkerboard 9x9", 9, 9, testmask.Checkerboard(9, 9)},
		{"person 640x360", 640, 360, testmask.Person(640, 360)},
		{"high bit only", 9, 1, []uint8{0x80, 0, 0x80, 1, 0, 0, 0, 0, 0x80}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := 0
			for _, v := range tc.pix {
				if v != 0 {
					want++
				}
			}
			m := &Mask{Width: tc.w, Height: tc.h, Pix: tc.pix}
			if got := m.Count(); got != want {
				t.Errorf("Count() = %d, want %d", got, want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		m    *Mask
		want error
	}{
		{"nil", nil, ErrInvalidMask},
		{"negative width", &Mask{Width: -1, Height: 1}, ErrInvalidMask},
		{"short pix", &Mask{Width: 4, Height: 4, Pix: make([]uint8, 15)}, ErrInvalidMask},
		{"long pix", &Mask{Width: 4, Height: 4, Pix: make([]uint8, 17)}, ErrInvalidMask},
		{"too wide", &Mask{Width: MaxWidth + 1, Height: 1, Pix: make([]uint8, MaxWidth+1)}, ErrTooLarge},
		{"too high", &Mask{Width: 1, Height: MaxHeight + 1, Pix: make([]uint8, MaxHeight+1)}, ErrTooLarge},
		{"zero size", &Mask{}, nil},
		{"at the limit", &Mask{Width: MaxWidth, Height: 1, Pix: make([]uint8, MaxWidth)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Encode(nil, tc.m)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("Encode() error = %v, want %v", err, tc.want)
			}
		})
	}
}
