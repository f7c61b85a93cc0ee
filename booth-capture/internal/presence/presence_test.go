package presence

import (
	"errors"
	"testing"
	"time"
)

func TestDetector(t *testing.T) {
	t.Parallel()
	in := map[uint32]float64{0: 0.1, 1: 0.2, 2: 0}
	one := map[uint32]float64{0: 0.1, 1: 0.001, 2: 0}
	out := map[uint32]float64{0: 0, 1: 0, 2: 0}
	const ms = int64(time.Millisecond)
	steps := []struct {
		f       map[uint32]float64
		t       int64
		present bool
		changed bool
	}{
		{in, 0, false, false},
		{in, 33 * ms, false, false},
		{one, 66 * ms, false, false}, // one camera is not enough: the run restarts
		{in, 100 * ms, false, false},
		{in, 133 * ms, false, false},
		{in, 166 * ms, true, true}, // three in a row
		{out, 200 * ms, true, false},
		{out, 1000 * ms, true, false},
		{in, 1100 * ms, true, false},  // back before the grace ran out
		{out, 3000 * ms, true, false}, // 1.9 s: past the 1.5 s grace, but one set only
		{in, 3100 * ms, true, false},  // (sets far apart: a paced booth)
		{out, 3200 * ms, true, false},
		{out, 4000 * ms, true, false},
		{out, 4700 * ms, false, true}, // 1.6 s and three sets
		{out, 4800 * ms, false, false},
	}
	d, err := New(Params{Grace: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range steps {
		p, c := d.Update(s.f, s.t)
		if p != s.present || c != s.changed {
			t.Fatalf("step %d: present %v changed %v, want %v %v", i, p, c, s.present, s.changed)
		}
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	for _, p := range []Params{{MinFraction: 2}, {MinCameras: -1}, {Grace: -time.Second}} {
		if _, err := New(p); !errors.Is(err, ErrParams) {
			t.Errorf("%+v: %v", p, err)
		}
	}
}
