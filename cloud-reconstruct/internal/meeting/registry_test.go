package meeting

import (
	"errors"
	"sync"
	"testing"
)

func TestRegistry(t *testing.T) {
	t.Parallel()
	r := NewRegistry()
	steps := []struct {
		name string
		do   func() error
		want error
	}{
		{"create m1", func() error { _, err := r.Create(CreateRequest{ID: "m1", Booths: []string{"a", "b"}}); return err }, nil},
		{"create m1 again", func() error { _, err := r.Create(CreateRequest{ID: "m1", Booths: []string{"c"}}); return err }, ErrExists},
		{"booth a is busy", func() error { _, err := r.Create(CreateRequest{ID: "m2", Booths: []string{"a", "c"}}); return err }, ErrBoothBusy},
		{"create m2", func() error { _, err := r.Create(CreateRequest{ID: "m2", Booths: []string{"c"}}); return err }, nil},
		{"bad id", func() error { _, err := r.Create(CreateRequest{ID: "m 3", Booths: []string{"d"}}); return err }, ErrInvalid},
		{"end m1", func() error { _, err := r.End("m1"); return err }, nil},
		{"end m1 twice", func() error { _, err := r.End("m1"); return err }, ErrNotFound},
		{"booth a free again", func() error { _, err := r.Create(CreateRequest{ID: "m3", Booths: []string{"a"}}); return err }, nil},
	}
	for _, s := range steps {
		if err := s.do(); !errors.Is(err, s.want) {
			t.Fatalf("%s: got %v, want %v", s.name, err, s.want)
		}
	}
	if got := r.Of("a"); got != "m3" {
		t.Fatalf("booth a in %q", got)
	}
	if got := r.Of("b"); got != "" {
		t.Fatalf("booth b in %q", got)
	}
	ls := r.List()
	if len(ls) != 2 || ls[0].ID != "m2" || ls[1].ID != "m3" {
		t.Fatalf("list %+v", ls)
	}
	if m, ok := r.Get("m3"); !ok || !m.Has("a") || m.Has("c") {
		t.Fatalf("get %+v %v", m, ok)
	}
	if n := len(r.EndAll()); n != 2 || len(r.List()) != 0 || r.Of("a") != "" {
		t.Fatalf("end all: %d", n)
	}
}

func TestRegistryConcurrentCreate(t *testing.T) {
	t.Parallel()
	r := NewRegistry()
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.Create(CreateRequest{ID: "m", Booths: []string{"a"}}); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ok != 1 {
		t.Fatalf("%d creates succeeded", ok)
	}
}

func TestParseCreate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body string
		want error
	}{
		{"ok", `{"id":"m1","booths":["a","b"]}`, nil},
		{"unknown field", `{"id":"m1","booths":["a"],"x":1}`, ErrInvalid},
		{"trailing", `{"id":"m1","booths":["a"]} {}`, ErrInvalid},
		{"no booths", `{"id":"m1","booths":[]}`, ErrInvalid},
		{"duplicate booth", `{"id":"m1","booths":["a","a"]}`, ErrInvalid},
		{"bad booth", `{"id":"m1","booths":["../etc"]}`, ErrInvalid},
		{"not json", `id=m1`, ErrInvalid},
		{"too many booths", `{"id":"m1","booths":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}`, ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := ParseCreate([]byte(tc.body)); !errors.Is(err, tc.want) {
				t.Fatalf("got %v", err)
			}
		})
	}
}
