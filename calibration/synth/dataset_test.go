package synth

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDatasetRoundTrip(t *testing.T) {
	t.Parallel()
	o := Options{Frames: 2, FPS: 10, Cameras: 2, Resolution: "720p", Motion: "waving", Seed: 4, Detail: 8000,
		Background: true, Realism: Realism{Noise: 2, Jitter: 0.002}}
	b, m, err := o.Build()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ds")
	var calls []int
	if err := WriteDataset(dir, b, m, func(done, total int) { calls = append(calls, done) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(calls, []int{1, 2}) {
		t.Errorf("progress calls %v", calls)
	}
	// Render the same frames again from an identical booth, and compare.
	b2, _, _ := o.Build()
	d, err := OpenDataset(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 2 || d.Manifest.Subject.Motion != "waving" || d.Manifest.BoothID != "synthetic" || !d.Manifest.Background {
		t.Errorf("manifest %+v", d.Manifest)
	}
	views := NewTargets(b2.Rig)
	for i := 0; i < d.Len(); i++ {
		truth, err := b2.Render(d.FrameTime(i), views)
		if err != nil {
			t.Fatal(err)
		}
		f, err := d.ReadFrame(i)
		if err != nil {
			t.Fatal(err)
		}
		if f.Meta.Time != truth.Time || !reflect.DeepEqual(f.Meta.Offsets, truth.Offsets) {
			t.Errorf("frame %d meta %+v, want time %g offsets %v", i, f.Meta, truth.Time, truth.Offsets)
		}
		for k, v := range f.Views {
			if !reflect.DeepEqual(v.Color, views[k].Color) || !reflect.DeepEqual(v.Mask, views[k].Mask) {
				t.Errorf("frame %d camera %d: colour or mask differs", i, k)
			}
			for p, z := range views[k].Depth {
				got := v.Depth[p]
				if math.IsInf(float64(z), 1) != math.IsInf(float64(got), 1) || (!math.IsInf(float64(z), 1) && math.Abs(float64(z-got)) > 0.0005001) {
					t.Fatalf("frame %d camera %d pixel %d: depth %g, want %g", i, k, p, got, z)
				}
			}
		}
		want := truth.Figure.Mesh()
		if !reflect.DeepEqual(f.Truth.Positions, want.Positions) || !reflect.DeepEqual(f.Truth.Colors, want.Colors) || !reflect.DeepEqual(f.Truth.Indices, want.Indices) {
			t.Errorf("frame %d: true mesh differs", i)
		}
	}
	if _, err := d.ReadFrame(2); !errors.Is(err, ErrDataset) {
		t.Errorf("frame past the end: %v", err)
	}
	if err := WriteDataset(dir, b, m, nil); !errors.Is(err, ErrParams) {
		t.Errorf("writing over a dataset: %v", err)
	}
}

func TestOpenDatasetErrors(t *testing.T) {
	t.Parallel()
	o := Options{Frames: 1, FPS: 30, Cameras: 1, Resolution: "720p", Motion: "standing", Detail: 4000}
	b, m, err := o.Build()
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "ds")
	if err := WriteDataset(good, b, m, nil); err != nil {
		t.Fatal(err)
	}
	manifest, _ := os.ReadFile(filepath.Join(good, "manifest.json"))
	for _, tc := range []struct {
		name string
		edit func(dir string)
		msg  string
	}{
		{"no manifest", func(dir string) { os.Remove(filepath.Join(dir, "manifest.json")) }, "manifest.json"},
		{"bad version", func(dir string) {
			os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(strings.Replace(string(manifest), `"version": 1`, `"version": 7`, 1)), 0o644)
		}, "version 7"},
		{"unknown field", func(dir string) {
			os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(strings.Replace(string(manifest), `"version": 1`, `"version": 1, "colour": 3`, 1)), 0o644)
		}, "colour"},
		{"missing image", func(dir string) { os.Remove(filepath.Join(dir, "frames", "000000", "cam00_mask.png")) }, "cam00_mask.png"},
		{"corrupt image", func(dir string) {
			os.WriteFile(filepath.Join(dir, "frames", "000000", "cam00.png"), []byte("not a png"), 0o644)
		}, "cam00.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			copyDir(t, good, dir)
			tc.edit(dir)
			d, err := OpenDataset(dir)
			if err == nil {
				_, err = d.ReadFrame(0)
			}
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want an error naming %q", err, tc.msg)
			}
		})
	}
}

// copyDir copies a folder tree.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
