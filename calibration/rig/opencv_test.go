package rig

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParseOpenCVIntrinsicsFiles(t *testing.T) {
	t.Parallel()
	sample := Intrinsics{Fx: 532.80992189, Fy: 532.93346422, Cx: 342.4952186, Cy: 233.8879292}
	sampleD := Distortion{K1: -0.281325576, K2: 0.0291130406, P1: 0.0012123433, P2: -0.000140825372, K3: 0.154865844}
	tests := []struct {
		file string
		k    Intrinsics
		d    Distortion
		w, h int
	}{
		{"flow.yml", sample, sampleD, 640, 480},
		{"block.yml", sample, sampleD, 640, 480},
		{"aliases-4.yml", Intrinsics{Fx: 1400, Fy: 1401, Cx: 959.5, Cy: 539.5}, Distortion{K1: -0.1, K2: 0.01, P1: 0.001, P2: -0.002}, 1920, 1080},
		{"eight-zero-tail.yml", Intrinsics{Fx: 1400, Fy: 1400, Cx: 959.5, Cy: 539.5}, Distortion{K1: -0.1, K2: 0.01, K3: 0.002}, 1920, 1080},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile("testdata/opencv/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			k, d, w, h, err := ParseOpenCVIntrinsics(data)
			if err != nil {
				t.Fatal(err)
			}
			if k != tc.k || d != tc.d || w != tc.w || h != tc.h {
				t.Errorf("got %+v %+v %dx%d, want %+v %+v %dx%d", k, d, w, h, tc.k, tc.d, tc.w, tc.h)
			}
		})
	}
}

func TestParseOpenCVIntrinsicsErrors(t *testing.T) {
	t.Parallel()
	const km = "camera_matrix: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [500., 0., 320., 0., 500., 240., 0., 0., 1.]}\n"
	const dm = "distortion_coefficients: !!opencv-matrix {rows: 5, cols: 1, dt: d, data: [-0.1, 0.01, 0., 0., 0.]}\n"
	const size = "image_width: 640\nimage_height: 480\n"
	ok := "%YAML:1.0\n---\n" + size + km + dm
	if _, _, _, _, err := ParseOpenCVIntrinsics([]byte(ok)); err != nil {
		t.Fatalf("base document rejected: %v", err)
	}
	tests := []struct {
		name string
		doc  string
		is   error
		want string
	}{
		{"empty", "", ErrSyntax, "top level must be a mapping"},
		{"sequence", "- 1\n", ErrSyntax, "top level must be a mapping"},
		{"syntax", "%YAML:1.0\n---\nimage_width: [640\n", ErrSyntax, "line"},
		{"missing matrix", size + dm, ErrSyntax, "camera_matrix: missing"},
		{"missing distortion", size + km, ErrSyntax, "distortion_coefficients: missing"},
		{"missing width", "image_height: 480\n" + km + dm, ErrSyntax, "image_width: missing"},
		{"missing height", "image_width: 640\n" + km + dm, ErrSyntax, "image_height: missing"},
		{"width not a number", "image_width: wide\nimage_height: 480\n" + km + dm, ErrSyntax, "image_width: must be an integer"},
		{"zero height", "image_width: 640\nimage_height: 0\n" + km + dm, ErrInvalid, "image_height: must be > 0"},
		{"two aliases", size + km + dm + strings.Replace(km, "camera_matrix", "K", 1), ErrSyntax, "given twice"},
		{"matrix 2x3", size + dm + "K: !!opencv-matrix {rows: 2, cols: 3, dt: d, data: [1, 0, 0, 0, 1, 0]}\n", ErrSyntax, "must be 3x3, got 2x3"},
		{"rows and data disagree", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [1, 0, 0]}\n", ErrSyntax, "3x3 matrix with 3 data elements"},
		{"no rows", size + dm + "K: !!opencv-matrix {cols: 3, dt: d, data: [1, 0, 0]}\n", ErrSyntax, "needs rows, cols and data"},
		{"matrix not a mapping", size + dm + "K: [1, 2, 3]\n", ErrSyntax, "must be an opencv-matrix mapping"},
		{"data not a sequence", size + dm + "K: !!opencv-matrix {rows: 1, cols: 1, dt: d, data: 5}\n", ErrSyntax, "data: must be a sequence"},
		{"data not numbers", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [a, 0, 0, 0, 1, 0, 0, 0, 1]}\n", ErrSyntax, "data[0]: must be a finite number"},
		{"data nested", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [[1], 0, 0, 0, 1, 0, 0, 0, 1]}\n", ErrSyntax, "data[0]: must be a number"},
		{"data infinite", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [.Inf, 0, 0, 0, 1, 0, 0, 0, 1]}\n", ErrSyntax, "must be a finite number"},
		{"multi-channel", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: 2d, data: [1, 0, 0, 0, 1, 0, 0, 0, 1]}\n", ErrUnsupported, "single-channel"},
		{"skew", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [500, 3, 320, 0, 500, 240, 0, 0, 1]}\n", ErrUnsupported, "skew 3 is not supported"},
		{"bad bottom row", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [500, 0, 320, 0, 500, 240, 0, 0, 2]}\n", ErrInvalid, "must have the form"},
		{"negative focal", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [-500, 0, 320, 0, 500, 240, 0, 0, 1]}\n", ErrInvalid, "fx and fy must be > 0"},
		{"principal point outside", size + dm + "K: !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [500, 0, 700, 0, 500, 240, 0, 0, 1]}\n", ErrInvalid, "principal point (700, 240) outside the 640x480 image"},
		{"distortion 3 elements", size + km + "D: !!opencv-matrix {rows: 1, cols: 3, dt: d, data: [0.1, 0, 0]}\n", ErrSyntax, "must have 4, 5, 8, 12 or 14 elements, got 3"},
		{"distortion 6 elements", size + km + "D: !!opencv-matrix {rows: 6, cols: 1, dt: d, data: [0.1, 0, 0, 0, 0, 0]}\n", ErrSyntax, "got 6"},
		{"distortion matrix", size + km + "D: !!opencv-matrix {rows: 2, cols: 2, dt: d, data: [0.1, 0, 0, 0]}\n", ErrSyntax, "must be a vector, got 2x2"},
		{"rational model", size + km + "D: !!opencv-matrix {rows: 1, cols: 8, dt: d, data: [0.1, 0, 0, 0, 0, 0.3, 0, 0]}\n", ErrUnsupported, "distortion_coefficients[5] = 0.3: the rational"},
		{"thin prism", size + km + "D: !!opencv-matrix {rows: 1, cols: 12, dt: d, data: [0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0.01, 0, 0]}\n", ErrUnsupported, "thin-prism"},
		{"tilted", size + km + "D: !!opencv-matrix {rows: 14, cols: 1, dt: d, data: [0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.02]}\n", ErrUnsupported, "distortion_coefficients[13]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, _, _, err := ParseOpenCVIntrinsics([]byte(tc.doc))
			if !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
	// The rational model file on disk.
	data, err := os.ReadFile("testdata/opencv/rational.yml")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, err := ParseOpenCVIntrinsics(data); !errors.Is(err, ErrUnsupported) {
		t.Errorf("rational.yml: err = %v, want ErrUnsupported", err)
	}
}

// TestParseOpenCVIntrinsicsAliases accepts every documented key alias.
func TestParseOpenCVIntrinsicsAliases(t *testing.T) {
	t.Parallel()
	for _, kk := range cvMatrixKeys {
		for _, dk := range cvDistKeys {
			doc := "image_width: 640\nimage_height: 480\n" +
				kk + ": !!opencv-matrix {rows: 3, cols: 3, dt: d, data: [500, 0, 320, 0, 510, 240, 0, 0, 1]}\n" +
				dk + ": !!opencv-matrix {rows: 5, cols: 1, dt: d, data: [-0.1, 0.01, 0, 0, 0.001]}\n"
			k, d, _, _, err := ParseOpenCVIntrinsics([]byte(doc))
			if err != nil {
				t.Fatalf("%s + %s: %v", kk, dk, err)
			}
			if k.Fy != 510 || d.K3 != 0.001 {
				t.Errorf("%s + %s: got %+v %+v", kk, dk, k, d)
			}
		}
	}
}

// FuzzParseOpenCVIntrinsics: arbitrary bytes never panic, and accepted
// intrinsics make a valid camera.
func FuzzParseOpenCVIntrinsics(f *testing.F) {
	for _, name := range []string{"flow.yml", "block.yml", "aliases-4.yml", "eight-zero-tail.yml", "rational.yml"} {
		if data, err := os.ReadFile("testdata/opencv/" + name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k, d, w, h, err := ParseOpenCVIntrinsics(data)
		if err != nil {
			return
		}
		c := Camera{Width: w, Height: h, K: k, D: d, Pose: Pose{R: [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}}}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted intrinsics make an invalid camera: %v", err)
		}
	})
}
