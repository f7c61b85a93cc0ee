package rig

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadExample(t *testing.T) {
	t.Parallel()
	r, err := Load("testdata/booth-a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r.BoothID != "booth-a" || len(r.Cameras) != 2 {
		t.Fatalf("got booth %q with %d cameras", r.BoothID, len(r.Cameras))
	}
	c0, c1 := r.Cameras[0], r.Cameras[1]
	if c0.Name != "north-high" || c0.D.K1 != -0.1 || c0.D.K2 != 0.01 || c0.K.Cx != 959.5 {
		t.Errorf("camera 0 = %+v", c0)
	}
	if !c1.D.IsZero() || c1.Name != "" {
		t.Errorf("camera 1 without distortion = %+v", c1)
	}
	if ctr := c1.Center(); ctr != [3]float64{0, 0.5, 3} {
		t.Errorf("camera 1 centre %v", ctr)
	}
}

// TestMarshalRoundTrip: floats with long and awkward decimal forms survive
// Marshal then Parse bit for bit.
func TestMarshalRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	r := &Rig{BoothID: "booth: with 'quotes' and # hash"}
	for i := 0; i < 12; i++ {
		c := Camera{
			ID: 10 + i, Name: []string{"", "north-high", "123456", "true", "名前"}[i%5],
			Width: 1920, Height: 1080,
			K: Intrinsics{Fx: 1000 + rng.Float64()*1000, Fy: 1000 + rng.Float64()*1000,
				Cx: rng.Float64() * 1919, Cy: rng.Float64() * 1079},
			D: Distortion{K1: rng.NormFloat64() * 0.1, K2: 1e-300, P1: -rng.Float64() * 1e-3,
				P2: math.SmallestNonzeroFloat64, K3: 0.1 + 0.2},
			Pose: Pose{R: randomRotation(rng), T: [3]float64{rng.NormFloat64(), 1e21, -1.0 / 3}},
		}
		r.Cameras = append(r.Cameras, c)
	}
	data, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal): %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v\n%s", got, r, data)
	}
	again, err := got.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("Marshal is not stable:\n%s\n---\n%s", data, again)
	}
}

func TestSaveLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "rig.yaml")
	r := testRig()
	if err := r.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("Save/Load differs: %+v", got)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("Save left temporary files: %v", entries)
	}
	bad := testRig()
	bad.Cameras[0].K.Fx = -1
	if err := bad.Save(filepath.Join(dir, "bad.yaml")); !errors.Is(err, ErrInvalid) {
		t.Errorf("Save of an invalid rig: err = %v, want ErrInvalid", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: err = %v", err)
	}
	if err := r.Save(filepath.Join(dir, "no-such-dir", "rig.yaml")); err == nil {
		t.Error("Save into a missing directory succeeded")
	}
}

const validCamera = `
  - id: 3
    name: north-high
    width: 640
    height: 480
    intrinsics: {fx: 500, fy: 500, cx: 319.5, cy: 239.5}
    rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1]
    translation: [0, 0, 2]
`

func TestParseErrors(t *testing.T) {
	t.Parallel()
	head := "version: 1\nbooth_id: b\ncameras:"
	tests := []struct {
		name string
		doc  string
		is   error
		want []string
	}{
		{"empty", "", ErrSyntax, []string{"empty file"}},
		{"syntax error reports line", "version: 1\nbooth_id: b\ncameras:\n  - id: [1\n", ErrSyntax, []string{"line"}},
		{"not a mapping", "- 1\n- 2\n", ErrSyntax, []string{"decode rig"}},
		{"unknown top field", head + validCamera + "colour: red\n", ErrSyntax, []string{"line 11", "colour"}},
		{"unknown camera field", strings.Replace(head+validCamera, "    width: 640", "    widht: 640", 1), ErrSyntax, []string{"widht"}},
		{"unknown intrinsics field", strings.Replace(head+validCamera, "cy: 239.5}", "cy: 239.5, skew: 0}", 1), ErrSyntax, []string{"skew"}},
		{"wrong type", strings.Replace(head+validCamera, "width: 640", "width: wide", 1), ErrSyntax, []string{"line 6", "wide"}},
		{"newer version", strings.Replace(head+validCamera, "version: 1", "version: 2", 1) + "future: {}\n", ErrVersion,
			[]string{"rig file version 2 is newer than this program understands (1)"}},
		{"version zero", strings.Replace(head+validCamera, "version: 1", "version: 0", 1), ErrVersion, []string{"rig file version 0 is not supported"}},
		{"version text", strings.Replace(head+validCamera, "version: 1", "version: one", 1), ErrVersion, []string{"must be an integer"}},
		{"missing version", strings.Replace(head+validCamera, "version: 1\n", "", 1), ErrInvalid, []string{"version: missing"}},
		{"missing booth id", strings.Replace(head+validCamera, "booth_id: b\n", "", 1), ErrInvalid, []string{"booth_id: missing"}},
		{"missing cameras", "version: 1\nbooth_id: b\n", ErrInvalid, []string{"cameras: missing"}},
		{"empty cameras", "version: 1\nbooth_id: b\ncameras: []\n", ErrInvalid, []string{"cameras: rig has no cameras"}},
		{"missing id", strings.Replace(head+validCamera, "  - id: 3\n    name", "  - name", 1), ErrInvalid, []string{"cameras[0]: id: missing"}},
		{"missing fx and rotation", strings.NewReplacer("fx: 500, ", "", "    rotation: [1, 0, 0, 0, 1, 0, 0, 0, 1]\n", "").Replace(head + validCamera), ErrInvalid,
			[]string{"camera 3 (north-high): intrinsics.fx: missing", "camera 3 (north-high): rotation: missing"}},
		{"missing width height intrinsics translation", strings.NewReplacer("    width: 640\n", "", "    height: 480\n", "",
			"    intrinsics: {fx: 500, fy: 500, cx: 319.5, cy: 239.5}\n", "", "    translation: [0, 0, 2]\n", "").Replace(head + validCamera), ErrInvalid,
			[]string{"width: missing", "height: missing", "intrinsics: missing", "translation: missing"}},
		{"short rotation", strings.Replace(head+validCamera, "[1, 0, 0, 0, 1, 0, 0, 0, 1]", "[1, 0, 0]", 1), ErrInvalid,
			[]string{"camera 3 (north-high): rotation: must have 9 elements (row-major 3x3), got 3"}},
		{"long translation", strings.Replace(head+validCamera, "[0, 0, 2]", "[0, 0, 2, 1]", 1), ErrInvalid,
			[]string{"camera 3 (north-high): translation: must have 3 elements, got 4"}},
		{"invalid value", strings.Replace(head+validCamera, "fx: 500", "fx: -5", 1), ErrInvalid,
			[]string{"camera 3 (north-high): intrinsics.fx: must be > 0, got -5"}},
		{"valid", head + validCamera, nil, nil},
		{"NaN rotation", strings.Replace(head+validCamera, "[1, 0, 0, 0, 1", "[.nan, 0, 0, 0, 1", 1), ErrInvalid,
			[]string{"camera 3 (north-high): rotation: must be finite"}},
		{"duplicate ids", head + validCamera + validCamera, ErrInvalid, []string{"id: duplicate id 3"}},
		{"two documents", head + validCamera + "---\nversion: 1\n", ErrSyntax, []string{"more than one YAML document"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := Parse([]byte(tc.doc))
			if tc.is == nil {
				if err != nil {
					t.Fatalf("valid document rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse accepted %+v", r)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// FuzzParse feeds arbitrary bytes to the rig file decoder: it must never
// panic, and whatever it accepts must be valid and survive a round trip.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/booth-a.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("version: 1\nbooth_id: b\ncameras:" + validCamera))
	f.Add([]byte("version: 2\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid rig: %v", err)
		}
		out, err := r.Marshal()
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Marshal) failed: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, r) {
			t.Fatalf("round trip differs:\n%+v\n%+v", back, r)
		}
	})
}
