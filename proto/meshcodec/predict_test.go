package meshcodec

import "testing"

func TestPredictions(t *testing.T) {
	t.Parallel()
	q := []int32{
		10, 20, 30, // 0
		14, 20, 30, // 1
		12, 10, 30, // 2
		2000, 2040, 0, // 3
	}
	cases := []struct {
		name    string
		a, b, c int32
		want    [3]int32
	}{
		{"flat", 0, 1, 2, [3]int32{12, 30, 30}},
		{"clamped", 3, 3, 0, [3]int32{2047, 2047, 0}},
	}
	for _, tc := range cases {
		if got := parallelogram(q, tc.a, tc.b, tc.c, 0, 2047); got != tc.want {
			t.Fatalf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := colorPrediction(q, 0, 1, 2, 63); got != [3]int32{12, 20, 30} {
		t.Fatalf("colour prediction %v, want the midpoint", got)
	}
	if got := previous(q, 2); got != [3]int32{14, 20, 30} {
		t.Fatalf("previous %v", got)
	}
	if got := previous(nil, 5); got != [3]int32{} {
		t.Fatalf("previous on no data %v", got)
	}
}
