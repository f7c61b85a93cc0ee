package solve

import (
	"errors"
	"math"
	"testing"
)

func TestBoardPointsAndFloor(t *testing.T) {
	t.Parallel()
	b := Board{Cols: 9, Rows: 6, Square: 0.05}
	pts := b.Points()
	if len(pts) != 54 || pts[1] != (Vec3{0.05, 0, 0}) || pts[9] != (Vec3{0, 0.05, 0}) {
		t.Fatalf("corner layout wrong: %v %v %v", len(pts), pts[1], pts[9])
	}
	f := b.FloorPose()
	// The grid centre goes to the origin, the board lies in y = 0, and the
	// printed face (board -z) points up.
	var cx, cy, cz float64
	for _, p := range pts {
		w := f.Apply(p)
		if math.Abs(w[1]) > 1e-12 {
			t.Fatalf("corner %v not on the floor: %v", p, w)
		}
		cx, cy, cz = cx+w[0], cy+w[1], cz+w[2]
	}
	if math.Abs(cx)+math.Abs(cy)+math.Abs(cz) > 1e-12 {
		t.Fatalf("grid centre at %v", []float64{cx, cy, cz})
	}
	up := apply3(f.R, Vec3{0, 0, -1})
	if maxDiff(up[:], []float64{0, 1, 0}) > 1e-12 {
		t.Fatalf("printed face normal = %v, want +Y", up)
	}
	if d := det(f.R); math.Abs(d-1) > 1e-12 {
		t.Fatalf("det = %g", d)
	}
}

func det(r Mat3) float64 {
	return r[0]*(r[4]*r[8]-r[5]*r[7]) - r[1]*(r[3]*r[8]-r[5]*r[6]) + r[2]*(r[3]*r[7]-r[4]*r[6])
}

func TestBoardValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		b  Board
		ok bool
	}{
		{Board{9, 6, 1}, true},
		{Board{1, 6, 1}, false},
		{Board{9, 6, 0}, false},
		{Board{9, 6, math.NaN()}, false},
		{Board{9, 6, math.Inf(1)}, false},
	}
	for _, tc := range tests {
		err := tc.b.Validate()
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInput)) {
			t.Errorf("%+v: err = %v", tc.b, err)
		}
	}
}
