package rig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const templePar = "testdata/middlebury/templeSR_par.txt"

func TestLoadMiddleburyTemple(t *testing.T) {
	t.Parallel()
	r, err := LoadMiddlebury(templePar, 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	if r.BoothID != "templeSR" || len(r.Cameras) != 16 {
		t.Fatalf("booth %q with %d cameras, want templeSR with 16", r.BoothID, len(r.Cameras))
	}
	first, last := r.Cameras[0], r.Cameras[15]
	if first.ID != 0 || first.Name != "templeSR0001.png" || last.ID != 15 || last.Name != "templeSR0016.png" {
		t.Errorf("ids and names: %d %q, %d %q", first.ID, first.Name, last.ID, last.Name)
	}
	if first.K != (Intrinsics{Fx: 1520.4, Fy: 1525.9, Cx: 302.32, Cy: 246.87}) || first.Pose.T[2] != 0.614604845959 {
		t.Errorf("camera 0: %+v", first)
	}
	centre := [3]float64{-0.0224, 0.1018, 0.0251}
	corners := [][3]float64{{-0.073568, 0.021728, -0.012445}, {0.028855, 0.181892, 0.062736}}
	for i := range r.Cameras {
		c := &r.Cameras[i]
		for _, p := range append([][3]float64{centre}, corners...) {
			px, depth := c.Project(p)
			if depth <= 0 || !c.InImage(px) {
				t.Errorf("%s: temple point %v projects to %v depth %g, want inside the image in front", c.label(), p, px, depth)
			}
		}
	}
	// The views form a ring around the temple: every camera centre is at a
	// similar distance from it.
	for i := range r.Cameras {
		d := norm3(sub3(r.Cameras[i].Center(), centre))
		if d < 0.4 || d > 0.8 {
			t.Errorf("%s: %g m from the temple", r.Cameras[i].label(), d)
		}
	}
}

// TestMiddleburyFromProjection: composing K[R|t] for every temple camera and
// decomposing it again gives K, R and t back to 1e-9.
func TestMiddleburyFromProjection(t *testing.T) {
	t.Parallel()
	r, err := LoadMiddlebury(templePar, 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Cameras {
		got, err := FromProjection(c.Projection(), 640, 480)
		if err != nil {
			t.Fatalf("%s: %v", c.label(), err)
		}
		kw := []float64{c.K.Fx, c.K.Fy, c.K.Cx, c.K.Cy}
		kg := []float64{got.K.Fx, got.K.Fy, got.K.Cx, got.K.Cy}
		if d := maxAbsDiff(kg, kw); d > 1e-9 {
			t.Errorf("%s: K off by %g", c.label(), d)
		}
		if d := maxAbsDiff(got.Pose.R[:], c.Pose.R[:]); d > 1e-9 {
			t.Errorf("%s: R off by %g", c.label(), d)
		}
		if d := maxAbsDiff(got.Pose.T[:], c.Pose.T[:]); d > 1e-9 {
			t.Errorf("%s: t off by %g", c.label(), d)
		}
	}
}

func TestParseMiddleburyErrors(t *testing.T) {
	t.Parallel()
	good := "templeSR0001.png 1520.4 0 302.32 0 1525.9 246.87 0 0 1 1 0 0 0 1 0 0 0 1 0 0 0.6"
	tests := []struct {
		name string
		doc  string
		is   error
		want string
	}{
		{"empty", "", ErrSyntax, "empty file"},
		{"count not a number", "x\n" + good, ErrSyntax, "line 1: camera count must be a positive integer"},
		{"count with extra", "1 2\n" + good, ErrSyntax, "line 1: want the camera count alone"},
		{"count mismatch", "2\n" + good, ErrSyntax, "announces 2 cameras, the file has 1"},
		{"short line", "1\n" + good[:40], ErrSyntax, "line 2: want an image name and 21 numbers"},
		{"bad number", "1\n" + strings.Replace(good, "1525.9", "15x5.9", 1), ErrSyntax, `line 2: field 6: want a finite number, got "15x5.9"`},
		{"NaN", "1\n" + strings.Replace(good, "1525.9", "NaN", 1), ErrSyntax, "line 2: field 6"},
		{"skew", "1\n" + strings.Replace(good, "1520.4 0 302.32", "1520.4 2 302.32", 1), ErrUnsupported, "line 2 (templeSR0001.png): K has skew 2"},
		{"bad K row", "1\n" + strings.Replace(good, "0 0 1 1 0 0", "0 0 2 1 0 0", 1), ErrInvalid, "line 2 (templeSR0001.png): K must have the form"},
		{"bad rotation", "1\n" + strings.Replace(good, " 1 0 0 0 1 0 0 0 1 ", " 1 0 0 0 1 0 0 0 -1 ", 1), ErrInvalid, "line 2: camera 0 (templeSR0001.png): rotation: determinant must be +1"},
		{"principal point outside", "1\n" + strings.Replace(good, "302.32", "902.32", 1), ErrInvalid, "line 2: camera 0 (templeSR0001.png): intrinsics.cx"},
	}
	for _, tc := range tests {
		_, err := ParseMiddlebury([]byte(tc.doc), "b", 640, 480)
		if !errors.Is(err, tc.is) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.is)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not contain %q", tc.name, err, tc.want)
		}
	}
	if _, err := LoadMiddlebury(filepath.Join(t.TempDir(), "none_par.txt"), 640, 480); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "x_par.txt")
	if err := os.WriteFile(bad, []byte("1\nshort\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadMiddlebury(bad, 640, 480); err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %v should name the file and the line", err)
	}
}

func TestLoadProjections(t *testing.T) {
	t.Parallel()
	temple, err := LoadMiddlebury(templePar, 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadProjections("testdata/middlebury/projections.txt", 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	if r.BoothID != "projections" || len(r.Cameras) != 3 {
		t.Fatalf("booth %q with %d cameras", r.BoothID, len(r.Cameras))
	}
	for i, c := range r.Cameras {
		want := temple.Cameras[i]
		if c.ID != i || c.Name != want.Name {
			t.Errorf("camera %d: id %d name %q, want %q", i, c.ID, c.Name, want.Name)
		}
		if d := maxAbsDiff(c.Pose.R[:], want.Pose.R[:]); d > 1e-9 {
			t.Errorf("%s: R off by %g", c.label(), d)
		}
		if d := maxAbsDiff(c.Pose.T[:], want.Pose.T[:]); d > 1e-9 {
			t.Errorf("%s: t off by %g", c.label(), d)
		}
		if d := maxAbsDiff([]float64{c.K.Fx, c.K.Fy, c.K.Cx, c.K.Cy}, []float64{want.K.Fx, want.K.Fy, want.K.Cx, want.K.Cy}); d > 1e-9 {
			t.Errorf("%s: K off by %g", c.label(), d)
		}
	}
}

func TestParseProjectionsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		is   error
		want string
	}{
		{"empty", "# nothing\n\n", ErrInvalid, "cameras: rig has no cameras"},
		{"short", "cam 1 0 0 0\n", ErrSyntax, "line 1: want a name and 12 numbers, got 5 fields"},
		{"bad number", "\ncam 1 0 0 0 0 1 0 0 0 0 1 zz\n", ErrSyntax, `line 2: field 13: want a finite number, got "zz"`},
		{"singular", "cam 1 0 0 0 0 1 0 0 0 0 0 1\n", ErrDegenerate, "line 1 (cam): projection matrix"},
	}
	for _, tc := range tests {
		_, err := ParseProjections([]byte(tc.doc), "b", 640, 480)
		if !errors.Is(err, tc.is) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.is)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not contain %q", tc.name, err, tc.want)
		}
	}
}

func TestFileStem(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, suffix, want string }{
		{"a/templeSR_par.txt", "_par.txt", "templeSR"},
		{"a/cams.txt", "_par.txt", "cams"},
		{"_par.txt", "_par.txt", "_par"},
		{"x/p", "", "p"},
	}
	for _, tc := range tests {
		if got := fileStem(tc.path, tc.suffix); got != tc.want {
			t.Errorf("fileStem(%q, %q) = %q, want %q", tc.path, tc.suffix, got, tc.want)
		}
	}
}

// FuzzParseMiddlebury: arbitrary bytes never panic; accepted rigs are valid.
func FuzzParseMiddlebury(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseMiddlebury(data, "b", 640, 480)
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted an invalid rig: %v", err)
		}
	})
}

// FuzzParseProjections: arbitrary bytes never panic; accepted rigs are
// valid.
func FuzzParseProjections(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseProjections(data, "b", 640, 480)
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted an invalid rig: %v", err)
		}
	})
}
