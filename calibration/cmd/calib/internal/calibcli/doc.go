// Package calibcli implements the calib command: its subcommands, flags,
// progress display and output files. cmd/calib is a thin main around Run.
// It lives under cmd/calib because it links OpenCV (through detect), which
// the workspace import rules allow in calibration only under detect/ and
// cmd/calib/.
//
// Image folders. A camera's images sit in one folder; a rig's images in one
// folder per camera, named with the camera ID as trailing digits (cam00,
// cam01, ... or 0, 1, ...). Files with the same stem in different camera
// folders were taken at the same instant and form one view: view017.png in
// cam02 and cam03 is one board placement seen by both. The view that shows
// the board lying printed face up on the floor at the booth centre (named
// by --floor, default "floor") defines the world frame: origin at the
// centre of its corner grid, +Y up, +Z along the board's rows.
//
// Outputs (intrinsics, extrinsics): rig.yaml (the project's rig file),
// opencv/camNN.yaml (OpenCV FileStorage), colmap/cameras.txt and
// colmap/images.txt, and session.json (every observation with its residuals,
// read by calib report).
package calibcli
