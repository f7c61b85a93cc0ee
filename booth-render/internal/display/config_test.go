package display

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConfigFillsDefaults(t *testing.T) {
	t.Parallel()
	c, err := ParseConfig([]byte("screen:\n  bottom_edge_m: 0.2\neye_m: [0.1, 1.7, 2.5]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Screen.BottomEdge != 0.2 || c.Eye != [3]float64{0.1, 1.7, 2.5} || c.Screen.Resolution != [2]int{3840, 2160} || c.Screen.Width != 3.84 {
		t.Fatalf("got %+v", c)
	}
	empty, err := ParseConfig(nil)
	if err != nil || empty != DefaultConfig() {
		t.Fatalf("empty config: %+v, %v", empty, err)
	}
}

func TestParseConfigPortrait(t *testing.T) {
	t.Parallel()
	c, err := ParseConfig([]byte("screen: {width_m: 1.08, height_m: 1.92, resolution: [3840, 2160], orientation: portrait}\neye_m: [0, 1.6, 1.5]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := c.Pixels(); w != 2160 || h != 3840 {
		t.Fatalf("portrait pixels %dx%d", w, h)
	}
}

func TestParseConfigErrorsNameTheField(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, yaml, field string }{
		{"unknown field", "screen:\n  widht_m: 2\n", "widht_m"},
		{"zero width", "screen: {width_m: 0}\n", "screen.width_m"},
		{"negative height", "screen: {height_m: -1}\n", "screen.height_m"},
		{"tiny resolution", "screen: {resolution: [8, 8]}\n", "screen.resolution"},
		{"tall native", "screen: {resolution: [2160, 3840]}\n", "orientation: portrait"},
		{"orientation", "screen: {orientation: sideways}\n", "screen.orientation"},
		{"not square", "screen: {width_m: 3.0}\n", "not square"},
		{"portrait not rotated", "screen: {orientation: portrait}\n", "not square"},
		{"bottom edge", "screen: {bottom_edge_m: 50}\n", "screen.bottom_edge_m"},
		{"eye behind", "eye_m: [0, 1.6, -1]\n", "eye_m"},
		{"eye nan", "eye_m: [.nan, 1.6, 2]\n", "eye_m"},
		{"eye short", "eye_m: [0, 1.6]\n", ""},
		{"eye beside", "eye_m: [2.5, 1.6, 2]\n", "eye_m: x"},
		{"eye above", "eye_m: [0, 2.5, 2]\n", "eye_m: y"},
		{"person far", "person_distance_m: 100\n", "person_distance_m"},
		{"person at eye", "person_distance_m: -1\neye_m: [0, 1.6, 1.2]\n", "person_distance_m"},
		{"background", "background_rgb: [0, 300, 0]\n", "background_rgb"},
		{"wrong type", "screen: {width_m: wide}\n", "line 1"},
		{"two documents", "eye_m: [0, 1.6, 2]\n---\neye_m: [0, 1.6, 2]\n", "more than one"},
		{"not a map", "- 1\n- 2\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseConfig([]byte(tc.yaml))
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("got %v, want ErrConfig", err)
			}
			if !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("error %q does not name %q", err, tc.field)
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	c, err := LoadConfig(filepath.Join("testdata", "wall.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Screen.Height != 2.16 {
		t.Fatalf("got %+v", c)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(p, []byte("eye_m: [0, 1, -3]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(p); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "bad.yaml") {
		t.Fatalf("got %v", err)
	}
	if _, err := LoadConfig(filepath.Join(dir, "missing.yaml")); !errors.Is(err, ErrConfig) {
		t.Fatalf("missing file: %v", err)
	}
}

func FuzzParseConfig(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "wall.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data)
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("error does not wrap ErrConfig: %v", err)
			}
			return
		}
		g, err := NewGeometry(c)
		if err != nil {
			t.Fatalf("valid config refused by NewGeometry: %v", err)
		}
		if _, err := g.Camera(64, 36); err != nil {
			t.Fatalf("valid config has no camera: %v", err)
		}
	})
}
