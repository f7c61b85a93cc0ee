package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSessionRoundTrip(t *testing.T) {
	t.Parallel()
	s := testSession(KindIntrinsics, 2, 3, []float64{0.9, 0.9}, []float64{0.2, 0.3})
	s.Failures = []Failure{{Camera: 1, File: "x.png", Reason: "no board"}}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "session.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := LoadSession(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Observations) != 6 || back.Failures[0].File != "x.png" || back.Cameras[1].RMS != 0.3 {
		t.Fatalf("round trip lost data: %+v", back)
	}
}

func TestParseSessionErrors(t *testing.T) {
	t.Parallel()
	good := testSession(KindIntrinsics, 1, 1, []float64{0.5}, []float64{0.2})
	mutate := func(f func(s *Session)) string {
		c := *good
		c.Cameras = append([]Camera(nil), good.Cameras...)
		c.Observations = append([]Observation(nil), good.Observations...)
		f(&c)
		d, err := c.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		return string(d)
	}
	tests := []struct {
		name, data, text string
	}{
		{"not-json", "{", "decode"},
		{"unknown-field", `{"version":1,"bogus":2}`, "bogus"},
		{"version", mutate(func(s *Session) { s.Version = 7 }), "version 7"},
		{"kind", mutate(func(s *Session) { s.Kind = "x" }), `kind "x"`},
		{"board", mutate(func(s *Session) { s.Board.Square = 0 }), "board"},
		{"no-cameras", mutate(func(s *Session) { s.Cameras = nil }), "0 cameras"},
		{"dup-camera", mutate(func(s *Session) { s.Cameras = append(s.Cameras, s.Cameras[0]) }), "duplicate camera 0"},
		{"unknown-camera", mutate(func(s *Session) { s.Observations[0].Camera = 9 }), "unknown camera 9"},
		{"corners", mutate(func(s *Session) { s.Observations[0].Corners = s.Observations[0].Corners[:3] }), "3 corners"},
		{"size", mutate(func(s *Session) { s.Cameras[0].Width = 0 }), "image size"},
	}
	for _, tc := range tests {
		_, err := ParseSession([]byte(tc.data))
		if !errors.Is(err, ErrSession) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: err = %v, want ErrSession containing %q", tc.name, err, tc.text)
		}
	}
	if _, err := LoadSession(filepath.Join(t.TempDir(), "none.json")); err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Errorf("missing file: %v", err)
	}
}

func FuzzParseSession(f *testing.F) {
	d, _ := testSession(KindExtrinsics, 2, 2, []float64{0.5, 0.5}, []float64{0.2, 0.2}).Marshal()
	f.Add(d)
	f.Add([]byte(`{"version":1,"kind":"verify"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSession(data)
		if err != nil {
			return
		}
		// Whatever parses must analyse without panicking.
		Analyse(s, DefaultThresholds())
	})
}
