package maskcodec

import (
	"errors"
	"testing"
)

func TestDecodeRows(t *testing.T) {
	t.Parallel()
	const w, h = 5, 3
	tests := []struct {
		name   string
		tokens []byte
		want   string // rows of '#' inside and '.' outside; empty for an error
	}{
		{"all empty by repeat", []byte{2*3 - 1}, "..............."},
		{"absolute then delta then repeat", []byte{4, 1, 1, 0, 1, 1, 1}, ".##.." + "##..." + "##..."},
		{"full rows", []byte{4, 0, 4, 3}, "#####" + "#####" + "#####"},
		{"two runs", []byte{6, 0, 0, 0, 0, 3}, "#.#.." + "#.#.." + "#.#.."},
		{"delta after empty row is empty", []byte{0, 0, 0}, "..............."},
		{"no tokens", nil, ""},
		{"too few rows", []byte{1}, ""},
		{"repeat past height", []byte{2*4 - 1}, ""},
		{"trailing byte", []byte{5, 0}, ""},
		{"run past width", []byte{4, 2, 3, 3}, ""},
		{"start at width", []byte{4, 5, 0, 3}, ""},
		{"too many transitions", []byte{2 + 8, 0, 0, 0, 0, 0, 0, 0, 0, 3}, ""},
		{"delta makes transitions cross", []byte{6, 0, 0, 0, 0, 0, 0, 4, 0, 0}, ""},
		{"delta below zero", []byte{4, 0, 1, 0, 1, 0, 1}, ""},
		{"delta past width", []byte{4, 0, 1, 0, 0, 16, 1}, ""},
		{"truncated delta", []byte{4, 0, 1, 0, 0}, ""},
		{"truncated gap", []byte{4, 0}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s rowScratch
			checkErr := decodeRows(nil, w, h, tc.tokens, &s)
			pix := make([]uint8, w*h)
			for i := range pix {
				pix[i] = 9 // stale content that decoding must overwrite
			}
			err := decodeRows(pix, w, h, tc.tokens, &s)
			if (checkErr == nil) != (err == nil) {
				t.Fatalf("check-only error %v, writing error %v", checkErr, err)
			}
			if tc.want == "" {
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("error = %v, want ErrCorrupt", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v", err)
			}
			if got := render(pix); got != tc.want[:w*h] {
				t.Errorf("rows = %q, want %q", got, tc.want[:w*h])
			}
		})
	}
}

func render(pix []uint8) string {
	b := make([]byte, len(pix))
	for i, v := range pix {
		switch v {
		case 0:
			b[i] = '.'
		case Inside:
			b[i] = '#'
		default:
			b[i] = '?'
		}
	}
	return string(b)
}
