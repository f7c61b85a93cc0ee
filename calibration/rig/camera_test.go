package rig

import "testing"

func TestRigCamera(t *testing.T) {
	t.Parallel()
	r := testRig()
	tests := []struct {
		id   int
		ok   bool
		name string
	}{{0, true, "left"}, {1, true, "wide"}, {2, false, ""}, {-1, false, ""}}
	for _, tc := range tests {
		c, ok := r.Camera(tc.id)
		if ok != tc.ok {
			t.Fatalf("Camera(%d) ok = %v, want %v", tc.id, ok, tc.ok)
		}
		if ok && c.Name != tc.name {
			t.Errorf("Camera(%d).Name = %q, want %q", tc.id, c.Name, tc.name)
		}
	}
	c, _ := r.Camera(1)
	c.Name = "renamed"
	if r.Cameras[1].Name != "renamed" {
		t.Error("Camera should return a pointer into the rig")
	}
}

func TestCameraLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		c    Camera
		want string
	}{
		{Camera{ID: 3, Name: "north-high"}, "camera 3 (north-high)"},
		{Camera{ID: 7}, "camera 7"},
	}
	for _, tc := range tests {
		if got := tc.c.label(); got != tc.want {
			t.Errorf("label = %q, want %q", got, tc.want)
		}
	}
}
