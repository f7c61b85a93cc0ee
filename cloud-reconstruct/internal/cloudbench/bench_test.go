package cloudbench

import "testing"

func TestQuantile(t *testing.T) {
	t.Parallel()
	v := []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	cases := []struct {
		q    float64
		want float64
	}{{0.5, 5}, {0.99, 10}, {0, 1}, {1, 10}}
	for _, c := range cases {
		if got := quantile(v, c.q); got != c.want {
			t.Errorf("q%v = %v, want %v", c.q, got, c.want)
		}
	}
	if quantile(nil, 0.5) != 0 {
		t.Fatal("empty")
	}
}
