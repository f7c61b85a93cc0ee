package detect

import (
	"fmt"
	"image"
	"os"

	"gocv.io/x/gocv"
)

// Detector finds a chessboard of Cols×Rows inner corners and refines the
// corners to sub-pixel accuracy.
type Detector struct {
	Cols, Rows int
	// SubPixWindow is cornerSubPix's half window in pixels (5 gives an
	// 11×11 search window, as in OpenCV's own calibration test); 0 means 5.
	SubPixWindow int
}

// Detection is the board found in one image: the image size and one pixel
// per inner corner in board order (row-major, canonical orientation, see
// Orient).
type Detection struct {
	File          string
	Width, Height int
	Corners       [][2]float64
}

// DetectFile reads an image and finds the board in it.
func (d Detector) DetectFile(path string) (*Detection, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("image %s: %w: %v", path, ErrUnreadable, err)
	}
	img := gocv.IMRead(path, gocv.IMReadGrayScale)
	defer img.Close()
	if img.Empty() {
		return nil, fmt.Errorf("image %s: %w: not a decodable image", path, ErrUnreadable)
	}
	corners, err := d.Detect(img)
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", path, err)
	}
	return &Detection{File: path, Width: img.Cols(), Height: img.Rows(), Corners: corners}, nil
}

// Detect finds the board in an 8-bit grey or BGR image.
func (d Detector) Detect(img gocv.Mat) ([][2]float64, error) {
	if d.Cols < 2 || d.Rows < 2 {
		return nil, fmt.Errorf("board %dx%d inner corners: need at least 2x2: %w", d.Cols, d.Rows, ErrNoBoard)
	}
	if img.Empty() {
		return nil, fmt.Errorf("empty image: %w", ErrUnreadable)
	}
	gray := img
	if img.Channels() == 3 {
		gray = gocv.NewMat()
		defer gray.Close()
		gocv.CvtColor(img, &gray, gocv.ColorBGRToGray)
	} else if img.Channels() != 1 || img.Type() != gocv.MatTypeCV8U {
		return nil, fmt.Errorf("image type %v with %d channels: want 8-bit grey or BGR: %w", img.Type(), img.Channels(), ErrUnreadable)
	}
	m := gocv.NewMat()
	defer m.Close()
	flags := gocv.CalibCBAdaptiveThresh | gocv.CalibCBNormalizeImage
	if !gocv.FindChessboardCorners(gray, image.Pt(d.Cols, d.Rows), &m, flags) || m.Rows()*m.Cols() != d.Cols*d.Rows {
		return nil, fmt.Errorf("%dx%d inner corners: %w", d.Cols, d.Rows, ErrNoBoard)
	}
	win := d.SubPixWindow
	if win <= 0 {
		win = 5
	}
	crit := gocv.NewTermCriteria(gocv.EPS+gocv.Count, 30, 0.1)
	gocv.CornerSubPix(gray, &m, image.Pt(win, win), image.Pt(-1, -1), crit)
	n := d.Cols * d.Rows
	corners := make([][2]float64, n)
	for i := 0; i < n; i++ {
		v := m.GetVecfAt(i, 0)
		corners[i] = [2]float64{float64(v[0]), float64(v[1])}
	}
	return Orient(gray, corners, d.Cols, d.Rows), nil
}
