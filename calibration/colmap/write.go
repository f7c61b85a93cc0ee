package colmap

import (
	"fmt"
	"io"
	"strconv"

	"cloudme.dev/calibration/rig"
	"cloudme.dev/calibration/solve"
)

// WriteCameras writes cameras.txt for the rig.
func WriteCameras(w io.Writer, r *rig.Rig) error {
	if _, err := fmt.Fprintf(w, "# Camera list with one line of data per camera:\n#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n# Number of cameras: %d\n", len(r.Cameras)); err != nil {
		return err
	}
	for _, c := range r.Cameras {
		k, d := c.K, c.D
		model := "OPENCV"
		params := []float64{k.Fx, k.Fy, k.Cx + 0.5, k.Cy + 0.5, d.K1, d.K2, d.P1, d.P2}
		if d.K3 != 0 {
			model = "FULL_OPENCV"
			params = append(params, d.K3, 0, 0, 0)
		}
		line := fmt.Sprintf("%d %s %d %d", c.ID+1, model, c.Width, c.Height)
		for _, p := range params {
			line += " " + strconv.FormatFloat(p, 'g', -1, 64)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// WriteImages writes images.txt: one image per camera, world-to-camera
// pose, no 2-D points.
func WriteImages(w io.Writer, r *rig.Rig) error {
	if _, err := fmt.Fprintf(w, "# Image list with two lines of data per image:\n#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n#   POINTS2D[] as (X, Y, POINT3D_ID)\n# Number of images: %d\n", len(r.Cameras)); err != nil {
		return err
	}
	for _, c := range r.Cameras {
		q := solve.MatToQuat(c.Pose.R)
		line := strconv.Itoa(c.ID + 1)
		for _, v := range []float64{q[0], q[1], q[2], q[3], c.Pose.T[0], c.Pose.T[1], c.Pose.T[2]} {
			line += " " + strconv.FormatFloat(v, 'g', -1, 64)
		}
		if _, err := fmt.Fprintf(w, "%s %d %s\n\n", line, c.ID+1, ImageName(c)); err != nil {
			return err
		}
	}
	return nil
}

// ImageName is the NAME written for a camera: its name, or camNN.
func ImageName(c rig.Camera) string {
	if c.Name != "" {
		return c.Name
	}
	return fmt.Sprintf("cam%02d", c.ID)
}
