package ingest

import (
	"context"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/synthbooth"
	"cloudme.dev/proto/pb"
)

func TestCheckHello(t *testing.T) {
	t.Parallel()
	b, err := synthbooth.New(synthbooth.Params{BoothID: "booth-a", Cameras: 2, Scale: 0.1, Frames: 1})
	if err != nil {
		t.Fatal(err)
	}
	good := func() *pb.BoothHello { return b.Hello().GetBoothHello() }
	cases := []struct {
		name  string
		hello func() *pb.BoothHello
		grant string
		want  error
		code  pb.ErrorCode
	}{
		{"ok", good, "booth-a", nil, 0},
		{"missing", func() *pb.BoothHello { return nil }, "booth-a", ErrHello, pb.ErrorCode_ERROR_CODE_BAD_MESSAGE},
		{"other booth", good, "booth-b", ErrHello, pb.ErrorCode_ERROR_CODE_BAD_MESSAGE},
		{"no rig file", func() *pb.BoothHello { h := good(); h.Rig.RigFile = nil; return h }, "booth-a", ErrHello, pb.ErrorCode_ERROR_CODE_BAD_MESSAGE},
		{"bad sha", func() *pb.BoothHello { h := good(); h.Rig.RigSha256 = make([]byte, 32); return h }, "booth-a", ErrRig, pb.ErrorCode_ERROR_CODE_RIG_MISMATCH},
		{"garbage rig", func() *pb.BoothHello {
			h := good()
			h.Rig.RigFile = []byte("version: 1\ncameras: nope\n")
			s := sha256.Sum256(h.Rig.RigFile)
			h.Rig.RigSha256 = s[:]
			return h
		}, "booth-a", ErrRig, pb.ErrorCode_ERROR_CODE_RIG_MISMATCH},
		{"summary disagrees", func() *pb.BoothHello { h := good(); h.Rig.Cameras[0].Width++; return h }, "booth-a", ErrRig, pb.ErrorCode_ERROR_CODE_RIG_MISMATCH},
		{"summary misses a camera", func() *pb.BoothHello { h := good(); h.Rig.Cameras = h.Rig.Cameras[:1]; return h }, "booth-a", ErrRig, pb.ErrorCode_ERROR_CODE_RIG_MISMATCH},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := CheckHello(tc.hello(), tc.grant)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v", err)
			}
			if err != nil && ErrorCode(err) != tc.code {
				t.Fatalf("code %v", ErrorCode(err))
			}
			if err == nil && len(r.Cameras) != 2 {
				t.Fatalf("rig %+v", r)
			}
		})
	}
}

func TestSlotKeepsTheLatest(t *testing.T) {
	t.Parallel()
	s := newSlot()
	a, b, c := &job{}, &job{}, &job{}
	if s.put(a) != nil {
		t.Fatal("displaced from an empty slot")
	}
	if s.put(b) != a || s.put(c) != b {
		t.Fatal("did not displace the older job")
	}
	got, err := s.take(context.Background())
	if err != nil || got != c {
		t.Fatalf("took %v %v", got, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.take(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("empty slot: %v", err)
	}
}

func TestClockConversion(t *testing.T) {
	t.Parallel()
	// The booth's clock runs 5 ms ahead of the cloud's.
	const off = 5_000_000
	st, send := convertStages(nil, []*pb.StageTime{{Stage: pb.Stage_STAGE_SYNC, DoneNs: 100_000_000}, {Stage: pb.Stage_STAGE_SEND, DoneNs: 110_000_000}}, off)
	if st[0].GetDoneNs() != 95_000_000 || send != 105_000_000 || toCloud(0, off) != 0 {
		t.Fatalf("stages %v send %d", st, send)
	}
}

func TestRecent(t *testing.T) {
	t.Parallel()
	var r recent
	r.add(7, 700)
	r.add(7+recentSize, 900)
	if _, ok := r.get(7); ok {
		t.Fatal("kept an overwritten entry")
	}
	if at, ok := r.get(7 + recentSize); !ok || at != 900 {
		t.Fatal("lost the latest entry")
	}
}

// The engine's time per set told to booths is the median of the last
// sets: one slow set does not pace a booth to a crawl.
func TestWorkerBusyIsARecentMedian(t *testing.T) {
	t.Parallel()
	var w worker
	ms := time.Millisecond
	if _, ok := w.busy(); ok {
		t.Fatal("a busy time before any set")
	}
	w.observe(8 * time.Second) // the first set: warm-up
	w.observe(50 * ms)
	if _, ok := w.busy(); ok {
		t.Fatal("a busy time from 2 sets")
	}
	w.observe(60 * ms)
	if b, ok := w.busy(); !ok || b != 60*ms {
		t.Fatalf("busy %v %v after 8 s, 50 ms, 60 ms; want 60 ms", b, ok)
	}
	for i := 0; i < busyWindow; i++ {
		w.observe(time.Duration(100+i) * ms)
	}
	if b, _ := w.busy(); b != 103*ms {
		t.Fatalf("busy %v over 100..106 ms; want 103 ms", b)
	}
}

// EngineTook's early: how long the set waited for the engine, or the
// engine for the set, within its busy time; nothing after a pause.
func TestWorkerEarly(t *testing.T) {
	t.Parallel()
	const ms = int64(time.Millisecond)
	var w worker
	j := &job{readyNs: 100 * ms}
	if e := w.early(j, 50_000); e != 0 {
		t.Fatalf("early %d before any set was done", e)
	}
	for _, c := range []struct {
		free  int64
		early int32
	}{
		{110 * ms, 10_000}, // the set waited 10 ms
		{97 * ms, -3_000},  // the engine waited 3 ms
		{300 * ms, 50_000}, // waited longer than the busy time: bounded
		{40 * ms, -50_000}, // the engine waited 60 ms: bounded
		{-10 * ms, 0},      // 110 ms idle: a pause, not a late set
	} {
		w.freeNs = c.free
		if e := w.early(j, 50_000); e != c.early {
			t.Errorf("engine free at %d ms, set ready at 100: early %d us, want %d", c.free/ms, e, c.early)
		}
	}
}
