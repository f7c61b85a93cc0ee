package metrics

import "testing"

func TestSolids(t *testing.T) {
	t.Parallel()
	s := Sphere{C: [3]float64{1, 0, 0}, R: 0.5}
	b := Box{Lo: [3]float64{0, 0, 0}, Hi: [3]float64{1, 2, 3}}
	tests := []struct {
		name  string
		solid Solid
		p     [3]float64
		want  bool
	}{
		{"sphere centre", s, [3]float64{1, 0, 0}, true},
		{"sphere surface", s, [3]float64{1.5, 0, 0}, true},
		{"sphere outside", s, [3]float64{1, 0.51, 0}, false},
		{"box inside", b, [3]float64{0.5, 1, 2.9}, true},
		{"box corner", b, [3]float64{1, 2, 3}, true},
		{"box outside", b, [3]float64{0.5, -0.01, 1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.solid.Contains(tc.p); got != tc.want {
				t.Fatalf("Contains(%v) = %v", tc.p, got)
			}
		})
	}
}
