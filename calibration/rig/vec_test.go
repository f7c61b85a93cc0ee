package rig

import (
	"math"
	"testing"
)

func TestVecHelpers(t *testing.T) {
	t.Parallel()
	x, y := [3]float64{1, 0, 0}, [3]float64{0, 1, 0}
	if c := cross3(x, y); c != [3]float64{0, 0, 1} {
		t.Errorf("x cross y = %v", c)
	}
	if d := det3([9]float64{2, 0, 0, 0, 3, 0, 0, 0, 4}); d != 24 {
		t.Errorf("det = %g", d)
	}
	if d := det3([9]float64{0, 1, 0, 1, 0, 0, 0, 0, 1}); d != -1 {
		t.Errorf("det of a swap = %g", d)
	}
	if e := orthonormalError([9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}); e != 0 {
		t.Errorf("identity orthonormal error %g", e)
	}
	if e := orthonormalError([9]float64{1.1, 0, 0, 0, 1, 0, 0, 0, 1}); math.Abs(e-0.21) > 1e-12 {
		t.Errorf("scaled row orthonormal error %g, want 0.21", e)
	}
	if e := orthonormalError([9]float64{math.NaN(), 0, 0, 0, 1, 0, 0, 0, 1}); !math.IsNaN(e) {
		t.Errorf("NaN rotation should give NaN error, got %g", e)
	}
	if finiteAll(1, math.Inf(-1)) || !finiteAll(1, 2) {
		t.Error("finiteAll")
	}
}
