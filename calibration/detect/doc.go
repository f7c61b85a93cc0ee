// Package detect finds calibration boards in images and runs OpenCV's
// single-camera calibration on them. It is the only calibration package
// (with cmd/calib) that links OpenCV through gocv; everything it returns is
// plain Go data so that the solvers and reports stay pure Go.
package detect
