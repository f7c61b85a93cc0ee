package meshcodec

import "testing"

func TestPredictions(t *testing.T) {
	t.Parallel()
	q := []vattr{
		{p: [3]int32{10, 20, 30}, c: [3]int32{10, 20, 30}},
		{p: [3]int32{14, 20, 30}, c: [3]int32{14, -20, 31}},
		{p: [3]int32{12, 10, 30}},
		{p: [3]int32{2000, 2040, 0}},
	}
	cases := []struct {
		name    string
		a, b, c int
		want    [3]int32
	}{
		{"flat", 0, 1, 2, [3]int32{12, 30, 30}},
		{"clamped", 3, 3, 0, [3]int32{2047, 2047, 0}},
	}
	for _, tc := range cases {
		if got := parallelogram(&q[tc.a], &q[tc.b], &q[tc.c], 2047); got != tc.want {
			t.Fatalf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	// The midpoint rounds towards minus infinity, negative chroma included.
	if got := midpoint(&q[0], &q[1]); got != [3]int32{12, 0, 30} {
		t.Fatalf("colour prediction %v, want the midpoint", got)
	}
}
