package ingest

import (
	"errors"
	"testing"
)

func TestMinViews(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ set, cameras, want int }{
		{0, 8, 6}, {0, 16, 12}, {0, 4, 3}, {0, 2, 2}, {0, 1, 1},
		{5, 8, 5}, {1, 8, 1}, {20, 8, 8},
	} {
		p := Params{MinViews: tc.set}
		if got := p.minViews(tc.cameras); got != tc.want {
			t.Errorf("min views %d of %d cameras: %d, want %d", tc.set, tc.cameras, got, tc.want)
		}
	}
	p := Params{Peer: nil, MinViews: -1}
	if err := p.check(); !errors.Is(err, ErrParams) {
		t.Fatalf("check: %v", err)
	}
}
