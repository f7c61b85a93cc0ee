package syncer

import (
	"errors"
	"slices"
	"testing"

	"cloudme.dev/booth-capture/internal/frame"
)

const ms = int64(1e6)

func fr(cam uint32, t int64) frame.Frame { return frame.Frame{CameraID: cam, CaptureNs: t} }

func TestSyncer(t *testing.T) {
	t.Parallel()
	type arrival struct {
		f   frame.Frame
		now int64
	}
	cases := map[string]struct {
		in          []arrival
		tick        int64 // a final Tick at this time (0: none)
		sets        int
		wantCams    [][]uint32
		wantMissing [][]uint32
		skew        []int64
		stragglers  uint64
	}{
		"in step": {
			in:       []arrival{{fr(0, 1000*ms), 1001 * ms}, {fr(1, 1002*ms), 1003 * ms}, {fr(2, 999*ms), 1004 * ms}},
			sets:     1,
			wantCams: [][]uint32{{0, 1, 2}}, wantMissing: [][]uint32{nil}, skew: []int64{3 * ms},
		},
		"late camera waited for, then missing": {
			in: []arrival{{fr(0, 1000*ms), 1001 * ms}, {fr(1, 1000*ms), 1001 * ms}, {fr(2, 1000*ms), 1001 * ms},
				{fr(0, 1033*ms), 1034 * ms}, {fr(1, 1033*ms), 1034 * ms}},
			tick: 1090 * ms,
			sets: 2, wantCams: [][]uint32{{0, 1, 2}, {0, 1}}, wantMissing: [][]uint32{nil, {2}},
		},
		"superseded frame dropped": {
			in: []arrival{{fr(0, 1000*ms), 1000 * ms}, {fr(1, 1000*ms), 1000 * ms}, {fr(2, 1000*ms), 1000 * ms},
				{fr(0, 1030*ms), 1030 * ms}, {fr(0, 1040*ms), 1040 * ms}, {fr(1, 1035*ms), 1041 * ms}, {fr(2, 1036*ms), 1041 * ms}},
			sets: 2, wantCams: [][]uint32{{0, 1, 2}, {0, 1, 2}}, wantMissing: [][]uint32{nil, nil}, stragglers: 1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, err := New(Params{Cameras: []uint32{0, 1, 2}})
			if err != nil {
				t.Fatal(err)
			}
			var sets []*frame.Set
			for _, a := range tc.in {
				sets = append(sets, s.Add(a.f, a.now)...)
			}
			if tc.tick != 0 {
				sets = append(sets, s.Tick(tc.tick)...)
			}
			if len(sets) != tc.sets {
				t.Fatalf("%d sets, want %d", len(sets), tc.sets)
			}
			for i, set := range sets {
				var cams []uint32
				for _, f := range set.Frames {
					cams = append(cams, f.CameraID)
				}
				if !slices.Equal(cams, tc.wantCams[i]) || !slices.Equal(set.Missing, tc.wantMissing[i]) {
					t.Errorf("set %d: cameras %v missing %v, want %v and %v", i, cams, set.Missing, tc.wantCams[i], tc.wantMissing[i])
				}
				if set.Seq != uint64(i) {
					t.Errorf("set %d has seq %d", i, set.Seq)
				}
				if tc.skew != nil && set.SkewNs != tc.skew[i] {
					t.Errorf("set %d skew %d, want %d", i, set.SkewNs, tc.skew[i])
				}
			}
			if got := s.Stats().Stragglers[0]; got != tc.stragglers {
				t.Errorf("camera 0 stragglers %d, want %d", got, tc.stragglers)
			}
		})
	}
}

func TestParams(t *testing.T) {
	t.Parallel()
	if _, err := New(Params{}); !errors.Is(err, ErrParams) {
		t.Fatal(err)
	}
	if _, err := New(Params{Cameras: []uint32{1}, TolNs: -1}); !errors.Is(err, ErrParams) {
		t.Fatal(err)
	}
}

func TestStalledCameraIsNotWaitedFor(t *testing.T) {
	t.Parallel()
	s, err := New(Params{Cameras: []uint32{0, 1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	var sets []*frame.Set
	sets = append(sets, s.Add(fr(2, 0), 1)...)
	const n = 30
	var lag []int64
	for k := int64(0); k < n; k++ {
		now := k*33*ms + 1
		before := len(sets)
		sets = append(sets, s.Add(fr(0, k*33*ms), now)...)
		sets = append(sets, s.Add(fr(1, k*33*ms), now)...)
		for _, set := range sets[before:] {
			lag = append(lag, now-set.CaptureNs)
		}
	}
	if len(sets) < n-2 {
		t.Fatalf("%d sets from %d instants", len(sets), n)
	}
	for i, set := range sets[1:] {
		if len(set.Frames) != 2 || !slices.Equal(set.Missing, []uint32{2}) {
			t.Fatalf("set %d: %d frames, missing %v", i+1, len(set.Frames), set.Missing)
		}
	}
	// Once camera 2 counts as stalled, sets leave as soon as 0 and 1 are in.
	if last := lag[len(lag)-1]; last > 1 {
		t.Fatalf("last set left %d ns after its frames", last)
	}
	if s.Stats().Missing[2] == 0 {
		t.Fatal("camera 2 never counted missing")
	}
}
