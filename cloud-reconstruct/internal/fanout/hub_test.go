package fanout

import (
	"sync"
	"sync/atomic"
	"testing"

	"cloudme.dev/calibration/link"
)

// fakeSender records what it was handed; when congested it refuses the
// way link.Peer does.
type fakeSender struct {
	mu        sync.Mutex
	got       [][]byte
	congested atomic.Bool
	broken    bool
}

func (f *fakeSender) SendMediaEncoded(b []byte) error {
	if f.broken {
		return link.ErrClosed
	}
	if f.congested.Load() {
		return link.ErrCongested
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, b)
	return nil
}

func (f *fakeSender) n() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.got)
}

func TestFilterWants(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		f       Filter
		booth   string
		meeting string
		want    bool
	}{
		{"booth watcher, its booth", Filter{Booth: "a"}, "a", "", true},
		{"booth watcher, its booth in a meeting", Filter{Booth: "a"}, "a", "m1", true},
		{"booth watcher, other booth", Filter{Booth: "a"}, "b", "m1", false},
		{"meeting, member", Filter{Meeting: "m1"}, "a", "m1", true},
		{"meeting, other meeting", Filter{Meeting: "m1"}, "a", "m2", false},
		{"meeting, no meeting", Filter{Meeting: "m1"}, "a", "", false},
		{"meeting, excluded own booth", Filter{Meeting: "m1", Exclude: "a"}, "a", "m1", false},
		{"meeting, other booth than excluded", Filter{Meeting: "m1", Exclude: "a"}, "b", "m1", true},
		{"empty filter", Filter{}, "a", "", false},
	}
	for _, tc := range cases {
		if got := tc.f.Wants(tc.booth, tc.meeting); got != tc.want {
			t.Errorf("%s: got %v", tc.name, got)
		}
	}
}

func TestPublishSameBytesToEveryone(t *testing.T) {
	t.Parallel()
	h := NewHub()
	a, b, slow, broken, other := &fakeSender{}, &fakeSender{}, &fakeSender{}, &fakeSender{broken: true}, &fakeSender{}
	slow.congested.Store(true)
	subs := []*Sub{
		{ID: "a", Filter: Filter{Meeting: "m1", Exclude: "booth-b"}, Sender: a},
		{ID: "b", Filter: Filter{Booth: "booth-a"}, Sender: b},
		{ID: "slow", Filter: Filter{Meeting: "m1"}, Sender: slow},
		{ID: "broken", Filter: Filter{Meeting: "m1"}, Sender: broken},
		{ID: "other", Filter: Filter{Meeting: "m2"}, Sender: other},
	}
	for _, s := range subs {
		h.Add(s)
	}
	model := []byte("encoded model")
	for i := 0; i < 3; i++ {
		r := h.Publish("booth-a", "m1", model)
		if r.Sent != 2 || r.Congested != 1 || r.Failed != 1 || r.Bytes != 2*len(model) {
			t.Fatalf("result %+v", r)
		}
	}
	if a.n() != 3 || b.n() != 3 || other.n() != 0 {
		t.Fatalf("a %d b %d other %d", a.n(), b.n(), other.n())
	}
	if &a.got[0][0] != &model[0] || &b.got[2][0] != &model[0] {
		t.Fatal("the model was copied, not shared")
	}
	if c := subs[2].Counts(); c.Congested != 3 || c.Sent != 0 {
		t.Fatalf("slow counts %+v", c)
	}
	// The slow one recovers and gets the next model.
	slow.congested.Store(false)
	h.Publish("booth-a", "m1", model)
	if slow.n() != 1 {
		t.Fatal("recovered subscriber got nothing")
	}
	h.Remove(subs[0])
	h.Remove(subs[0])
	if h.Len() != 4 {
		t.Fatalf("len %d", h.Len())
	}
	if got := h.Matching(func(f Filter) bool { return f.Meeting == "m1" }); len(got) != 2 {
		t.Fatalf("matching %d", len(got))
	}
}

func TestConcurrentAddRemovePublish(t *testing.T) {
	t.Parallel()
	h := NewHub()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				s := &Sub{Filter: Filter{Booth: "a"}, Sender: &fakeSender{}}
				h.Add(s)
				h.Remove(s)
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				h.Publish("a", "", []byte{1})
			}
		}()
	}
	wg.Wait()
	if h.Len() != 0 {
		t.Fatalf("len %d", h.Len())
	}
}
