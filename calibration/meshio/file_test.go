package meshio

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFileRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "tetra.PLY")
	if err := WriteFile(path, tetra(true)); err != nil {
		t.Fatal(err)
	}
	m, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, tetra(true)) {
		t.Errorf("read back %+v", m)
	}
	obj := filepath.Join(dir, "tri.obj")
	os.WriteFile(obj, []byte("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"), 0o644)
	if m, err := ReadFile(obj); err != nil || m.TriangleCount() != 1 {
		t.Errorf("obj: %v", err)
	}
	glb := filepath.Join(dir, "tri.glb")
	os.WriteFile(glb, triangleGLB(false), 0o644)
	if m, err := ReadFile(glb); err != nil || m.TriangleCount() != 1 {
		t.Errorf("glb: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "x.stl")); !errors.Is(err, ErrUnsupported) {
		t.Errorf("stl: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.ply")); err == nil {
		t.Error("missing file gave no error")
	}
	bad := filepath.Join(dir, "bad.obj")
	os.WriteFile(bad, []byte("v 0 0\n"), 0o644)
	if _, err := ReadFile(bad); !errors.Is(err, ErrFormat) {
		t.Errorf("bad obj: %v", err)
	}
}

func TestPreallocCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ n, per, want int }{{-5, 3, 0}, {10, 3, 30}, {1 << 30, 3, 3 << 16}} {
		if got := preallocCap(tc.n, tc.per); got != tc.want {
			t.Errorf("preallocCap(%d, %d) = %d, want %d", tc.n, tc.per, got, tc.want)
		}
	}
}
