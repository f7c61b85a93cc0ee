package meeting

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A node that restarts with the same meetings file serves the same
// meetings: created ones come back with their booths and creation time,
// ended ones stay ended.
func TestStoreSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meetings.json")
	r, err := OpenRegistry(NewStore(path))
	if err != nil {
		t.Fatal(err)
	}
	m1, err := r.Create(CreateRequest{ID: "m1", Booths: []string{"booth-a", "booth-b"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Create(CreateRequest{ID: "m2", Booths: []string{"booth-c"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.End("m2"); err != nil {
		t.Fatal(err)
	}
	r.EndAll() // a drain on shutdown leaves the file alone

	again, err := OpenRegistry(NewStore(path))
	if err != nil {
		t.Fatal(err)
	}
	got := again.List()
	if len(got) != 1 || got[0].ID != "m1" || !got[0].Created.Equal(m1.Created) || strings.Join(got[0].Booths, ",") != "booth-a,booth-b" {
		t.Fatalf("after restart: %+v, want only m1 as created (%+v)", got, m1)
	}
	if again.Of("booth-b") != "m1" || again.Of("booth-c") != "" {
		t.Fatalf("booth index after restart: b in %q, c in %q", again.Of("booth-b"), again.Of("booth-c"))
	}
	// The restored registry keeps writing: booth-a is still busy.
	if _, err := again.Create(CreateRequest{ID: "m3", Booths: []string{"booth-a"}}); !errors.Is(err, ErrBoothBusy) {
		t.Fatalf("booth-a in a second meeting: %v, want ErrBoothBusy", err)
	}
}

// A change that cannot be written is not made: the operator gets an
// error and the meeting list stays what the file says.
func TestStoreWriteFailureRollsBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "meetings.json")
	r, err := OpenRegistry(NewStore(path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Create(CreateRequest{ID: "m1", Booths: []string{"a"}}); err != nil {
		t.Fatal(err)
	}
	// Take the directory away: neither the temporary file nor the
	// rename can happen.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Create(CreateRequest{ID: "m2", Booths: []string{"b"}}); !errors.Is(err, ErrStore) {
		t.Fatalf("create with an unwritable file: %v, want ErrStore", err)
	}
	if _, ok := r.Get("m2"); ok || r.Of("b") != "" {
		t.Fatal("m2 exists although it was never written")
	}
	if _, err := r.End("m1"); !errors.Is(err, ErrStore) {
		t.Fatalf("end with an unwritable file: %v, want ErrStore", err)
	}
	if _, ok := r.Get("m1"); !ok || r.Of("a") != "m1" {
		t.Fatal("m1 ended although its end was never written")
	}
}

func TestStoreRefusesBadFiles(t *testing.T) {
	cases := map[string]string{
		"garbage":       "not json",
		"version":       `{"version": 2, "meetings": []}`,
		"unknown field": `{"version": 1, "meetings": [], "extra": 1}`,
		"bad id":        `{"version": 1, "meetings": [{"id": "m 1", "booths": ["a"]}]}`,
		"no booths":     `{"version": 1, "meetings": [{"id": "m1", "booths": []}]}`,
		"twice":         `{"version": 1, "meetings": [{"id": "m1", "booths": ["a"]}, {"id": "m1", "booths": ["b"]}]}`,
		"busy booth":    `{"version": 1, "meetings": [{"id": "m1", "booths": ["a"]}, {"id": "m2", "booths": ["a"]}]}`,
		"trailing":      `{"version": 1, "meetings": []} {}`,
		"too big":       `{"version": 1, "meetings": []}` + strings.Repeat(" ", MaxStoreBytes),
	}
	for name, body := range cases {
		path := filepath.Join(t.TempDir(), "meetings.json")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := OpenRegistry(NewStore(path))
		if !errors.Is(err, ErrStore) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want an ErrStore naming the file", name, err)
		}
	}
	// No file yet is no meetings, not an error.
	r, err := OpenRegistry(NewStore(filepath.Join(t.TempDir(), "absent.json")))
	if err != nil || len(r.List()) != 0 {
		t.Fatalf("absent file: %v, %d meetings", err, len(r.List()))
	}
}

// FuzzStoreDecode: a meetings file is outside bytes (an operator edits
// it). Never a panic; what is accepted is valid and round-trips.
func FuzzStoreDecode(f *testing.F) {
	f.Add([]byte(`{"version":1,"meetings":[{"id":"m1","booths":["a","b"],"created":"2026-11-22T01:00:00Z"}]}`))
	f.Add([]byte(`{"version":1,"meetings":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ms, err := decodeStore(b)
		if err != nil {
			return
		}
		r := NewRegistry()
		for _, m := range ms {
			if _, err := r.Create(CreateRequest{ID: m.ID, Booths: m.Booths}); err != nil {
				t.Fatalf("accepted meeting %+v is not creatable: %v", m, err)
			}
		}
	})
}
