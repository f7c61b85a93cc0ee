package maskcodec

import (
	"slices"
	"testing"

	"cloudme.dev/proto/internal/testmask"
)

// naiveTransitions is the obvious byte-by-byte reference.
func naiveTransitions(row []uint8) []int32 {
	var t []int32
	in := false
	for x, v := range row {
		if (v != 0) != in {
			t = append(t, int32(x))
			in = !in
		}
	}
	if in {
		t = append(t, int32(len(row)))
	}
	return t
}

func TestAppendTransitions(t *testing.T) {
	t.Parallel()
	ff := func(n int) []uint8 {
		r := make([]uint8, n)
		for i := range r {
			r[i] = 255
		}
		return r
	}
	tests := []struct {
		name string
		row  []uint8
		want []int32
	}{
		{"empty row", nil, nil},
		{"all outside", make([]uint8, 20), nil},
		{"all inside", ff(20), []int32{0, 20}},
		{"one inside", []uint8{1}, []int32{0, 1}},
		{"run across words", append(append(make([]uint8, 5), ff(11)...), 0, 0), []int32{5, 16}},
		{"high-bit and low-bit values", []uint8{0x80, 0x01, 0x7f, 0, 0x80, 0, 0, 0, 0, 0x01}, []int32{0, 3, 4, 5, 9, 10}},
		{"zero after 0x01 bytes", []uint8{1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []int32{0, 7, 8, 17}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := appendTransitions(nil, tc.row)
			if !slices.Equal(got, tc.want) {
				t.Errorf("appendTransitions(%v) = %v, want %v", tc.row, got, tc.want)
			}
		})
	}
}

func TestAppendTransitionsMatchesNaive(t *testing.T) {
	t.Parallel()
	for _, p := range []float64{0.02, 0.5, 0.98} {
		for n := range 40 {
			for seed := range uint64(20) {
				row := testmask.Noise(n, 1, p, seed)
				got := appendTransitions(nil, row)
				if want := naiveTransitions(row); !slices.Equal(got, want) {
					t.Fatalf("p=%v n=%d seed=%d: row %v gives %v, want %v", p, n, seed, row, got, want)
				}
			}
		}
	}
}
