package reconbench

import (
	"testing"
	"time"
)

func TestQuantile(t *testing.T) {
	t.Parallel()
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		q    float64
		want float64
	}{{0.5, 50}, {0.99, 99}, {1, 100}, {0, 1}}
	for _, tc := range tests {
		if got := quantile(ds, tc.q); got != tc.want {
			t.Errorf("quantile(%g) = %g, want %g", tc.q, got, tc.want)
		}
	}
	if quantile(nil, 0.5) != 0 || mean(nil) != 0 || minOf(nil) != 0 {
		t.Error("empty inputs")
	}
	if mean([]float64{1, 2, 3}) != 2 || minOf([]float64{3, 1, 2}) != 1 {
		t.Error("mean or min wrong")
	}
}
