package calibcli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"cloudme.dev/calibration/rig"
)

// writeOpenCV writes one camera as an OpenCV FileStorage YAML file: the
// intrinsics under the names OpenCV's calibration sample uses (read back
// by rig.ParseOpenCVIntrinsics) plus the world-to-camera pose as
// rotation_matrix and translation_vector.
func writeOpenCV(w io.Writer, c *rig.Camera) error {
	var b strings.Builder
	b.WriteString("%YAML:1.0\n---\n")
	fmt.Fprintf(&b, "camera_id: %d\n", c.ID)
	if c.Name != "" {
		fmt.Fprintf(&b, "camera_name: %s\n", strconv.Quote(c.Name))
	}
	fmt.Fprintf(&b, "image_width: %d\nimage_height: %d\n", c.Width, c.Height)
	k := c.K
	cvMatrix(&b, "camera_matrix", 3, 3, []float64{k.Fx, 0, k.Cx, 0, k.Fy, k.Cy, 0, 0, 1})
	d := c.D
	cvMatrix(&b, "distortion_coefficients", 5, 1, []float64{d.K1, d.K2, d.P1, d.P2, d.K3})
	cvMatrix(&b, "rotation_matrix", 3, 3, c.Pose.R[:])
	cvMatrix(&b, "translation_vector", 3, 1, c.Pose.T[:])
	_, err := io.WriteString(w, b.String())
	return err
}

func cvMatrix(b *strings.Builder, name string, rows, cols int, v []float64) {
	fmt.Fprintf(b, "%s: !!opencv-matrix\n   rows: %d\n   cols: %d\n   dt: d\n   data: [ ", name, rows, cols)
	for i, x := range v {
		if i > 0 {
			b.WriteString(", ")
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += "." // OpenCV writes doubles with a point
		}
		b.WriteString(s)
	}
	b.WriteString(" ]\n")
}
