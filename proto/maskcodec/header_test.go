package maskcodec

import (
	"errors"
	"strings"
	"testing"
)

func TestHeaderRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []header{
		{method: methodNone, width: 0, height: 0},
		{method: methodNone, width: 1920, height: 1080},
		{method: methodZstd, width: MaxWidth, height: MaxHeight, rawLen: maxTokens(MaxWidth, MaxHeight)},
		{method: methodHuff0, width: 1, height: 1, rawLen: 9},
	}
	for _, want := range tests {
		b := appendHeader(nil, want)
		b = append(b, 0xAA) // the payload's first byte
		got, n, err := parseHeader(b)
		if err != nil || got != want || b[n] != 0xAA {
			t.Errorf("%+v: parsed %+v, payload at %d, error %v", want, got, n, err)
		}
	}
}

func TestParseHeaderRejects(t *testing.T) {
	t.Parallel()
	big := appendUvarint(nil, MaxWidth+1)
	tests := []struct {
		name    string
		b       []byte
		want    error
		message string
	}{
		{"empty", nil, ErrCorrupt, ""},
		{"three bytes", []byte{'M', 'k', 1}, ErrCorrupt, ""},
		{"bad magic", []byte{'P', 'N', 1, 0, 1, 1}, ErrCorrupt, ""},
		{"newer version", []byte{'M', 'k', 2, 0, 1, 1}, ErrVersion, "mask format version 2 is newer than this decoder (1)"},
		{"version zero", []byte{'M', 'k', 0, 0, 1, 1}, ErrCorrupt, ""},
		{"unknown flag", []byte{'M', 'k', 1, 0x10, 1, 1}, ErrCorrupt, ""},
		{"unknown method", []byte{'M', 'k', 1, 3, 1, 1}, ErrCorrupt, ""},
		{"no height", []byte{'M', 'k', 1, 0, 1}, ErrCorrupt, ""},
		{"width too large", append(append([]byte{'M', 'k', 1, 0}, big...), 1), ErrTooLarge, "declared size 8193x1"},
		{"height too large", append([]byte{'M', 'k', 1, 0, 1}, big...), ErrTooLarge, ""},
		{"size beyond varint", []byte{'M', 'k', 1, 0, 0xff, 0xff, 0xff, 0x7f, 1}, ErrCorrupt, ""},
		{"no token length", []byte{'M', 'k', 1, 1, 1, 1}, ErrCorrupt, ""},
		{"token length above bound", []byte{'M', 'k', 1, 1, 1, 1, 10}, ErrCorrupt, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := parseHeader(tc.b)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not say %q", err, tc.message)
			}
		})
	}
}
