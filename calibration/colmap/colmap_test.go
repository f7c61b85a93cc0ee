package colmap

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

func sampleRig(t testing.TB) *rig.Rig {
	t.Helper()
	s, err := solve.Synthetic(solve.SynthParams{Cameras: 4, Views: 0, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	s.Cameras[1].D.K3 = 0.02 // one camera needs FULL_OPENCV
	s.Cameras[2].Name = ""
	return &rig.Rig{BoothID: "test", Cameras: s.Cameras}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	r := sampleRig(t)
	var cams, imgs bytes.Buffer
	if err := WriteCameras(&cams, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteImages(&imgs, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cams.String(), "1 OPENCV 1920 1080 ") || !strings.Contains(cams.String(), "2 FULL_OPENCV 1920 1080 ") {
		t.Fatalf("models:\n%s", cams.String())
	}
	back, err := Import("test", cams.Bytes(), imgs.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Cameras) != len(r.Cameras) {
		t.Fatalf("%d cameras back", len(back.Cameras))
	}
	for i, c := range r.Cameras {
		b := back.Cameras[i]
		if b.ID != c.ID || b.Width != c.Width || b.K != c.K || b.D != c.D {
			t.Errorf("camera %d: %+v\nwant %+v", c.ID, b, c)
		}
		if b.Name != ImageName(c) {
			t.Errorf("camera %d: name %q", c.ID, b.Name)
		}
		for k := range c.Pose.R {
			if math.Abs(c.Pose.R[k]-b.Pose.R[k]) > 1e-12 {
				t.Fatalf("camera %d: rotation differs", c.ID)
			}
		}
		if c.Pose.T != b.Pose.T {
			t.Errorf("camera %d: translation %v want %v", c.ID, b.Pose.T, c.Pose.T)
		}
	}
}

func TestPixelCentreShift(t *testing.T) {
	t.Parallel()
	cams, err := ParseCameras([]byte("1 PINHOLE 640 480 500 500 320 240\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cams[0].K.Cx != 319.5 || cams[0].K.Cy != 239.5 {
		t.Fatalf("principal point %v %v, want 319.5 239.5", cams[0].K.Cx, cams[0].K.Cy)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	okCam := "1 PINHOLE 640 480 500 500 320 240\n"
	tests := []struct {
		name       string
		cams, imgs string
		want       error
		text       string
	}{
		{"short-camera", "1 PINHOLE 640\n", "", ErrSyntax, "line 1"},
		{"bad-number", "1 PINHOLE 640 480 a 500 320 240\n", "", ErrSyntax, `"a"`},
		{"nan", "1 PINHOLE 640 480 NaN 500 320 240\n", "", ErrSyntax, "finite"},
		{"param-count", "1 OPENCV 640 480 500 500 320 240\n", "", ErrSyntax, "takes 8"},
		{"model", "1 FISHEYE 640 480 500 500 320 240\n", "", ErrUnsupported, "FISHEYE"},
		{"rational", "1 FULL_OPENCV 640 480 500 500 320 240 0 0 0 0 0 0.1 0 0\n", "", ErrUnsupported, "k4-k6"},
		{"duplicate", okCam + okCam, "", ErrSyntax, "duplicate"},
		{"short-image", okCam, "1 1 0 0 0\n", ErrSyntax, "images.txt line 1"},
		{"bad-quaternion", okCam, "1 0 0 0 0 0 0 1 1 cam\n\n", ErrSyntax, "quaternion"},
		{"unknown-camera", okCam, "1 1 0 0 0 0 0 1 7 cam\n\n", ErrMismatch, "camera 7"},
		{"two-images", okCam, "1 1 0 0 0 0 0 1 1 a\n\n2 1 0 0 0 0 0 1 1 b\n\n", ErrMismatch, "two images"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Import("b", []byte(tc.cams), []byte(tc.imgs))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("err = %v, want %v containing %q", err, tc.want, tc.text)
			}
		})
	}
}

func FuzzParseCameras(f *testing.F) {
	f.Add([]byte("# c\n1 OPENCV 1920 1080 1000 1000 960 540 -0.1 0.01 0 0\n"))
	f.Add([]byte("2 SIMPLE_RADIAL 640 480 500 320 240 0.1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cams, err := ParseCameras(data)
		if err != nil {
			return
		}
		for _, c := range cams {
			if c.ID <= 0 || c.Width <= 0 || c.Height <= 0 {
				t.Fatalf("accepted %+v", c)
			}
		}
	})
}

func FuzzParseImages(f *testing.F) {
	f.Add([]byte("1 1 0 0 0 0 0 1 1 cam00\n\n"))
	f.Add([]byte("# x\n3 0.5 0.5 0.5 0.5 1 2 3 4 a b\n1.0 2.0 -1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		imgs, err := ParseImages(data)
		if err != nil {
			return
		}
		for _, im := range imgs {
			for _, v := range im.Pose.R {
				if math.IsNaN(v) || math.Abs(v) > 1+1e-9 {
					t.Fatalf("rotation entry %g", v)
				}
			}
		}
	})
}
