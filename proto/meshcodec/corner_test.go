package meshcodec

import "testing"

func TestNextPrev(t *testing.T) {
	t.Parallel()
	cases := []struct{ c, next, prev int32 }{
		{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {3, 4, 5}, {7, 8, 6}, {8, 6, 7},
	}
	for _, tc := range cases {
		if next(tc.c) != tc.next || prev(tc.c) != tc.prev {
			t.Fatalf("corner %d: next %d prev %d, want %d %d", tc.c, next(tc.c), prev(tc.c), tc.next, tc.prev)
		}
	}
	if numOps*numOps*numOps > 256 {
		t.Fatalf("%d operations do not pack %d to a byte", numOps, opsPerByte)
	}
}
