// Package report judges a calibration session and draws its plots: the
// per-camera and per-view reprojection errors, which parts of each image
// the board corners covered, which camera pairs shared views, a text
// verdict with thresholds and advice for each problem found ("camera 5:
// corners only near the centre; add views near the edges"), and PNG
// figures (coverage heat maps, residual scatter, per-view RMS bars).
//
// A Session is the JSON record that calib intrinsics and calib extrinsics
// write beside the rig: the board, the cameras, and every observation with
// its corners and residuals. It is pure Go and holds no images.
package report
