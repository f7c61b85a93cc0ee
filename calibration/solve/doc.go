// Package solve holds the pure-Go numerical core of rig calibration: 3-D
// rotations, planar pose estimation (PnP for a chessboard), a
// Levenberg-Marquardt solver that exploits the block-sparse structure of
// bundle adjustment (Schur complement on the board poses), the pose graph
// that initialises every camera in one world frame, and the joint bundle
// adjustment of camera poses, board poses and optionally intrinsics.
//
// Conventions follow cloudme.dev/calibration/rig: world frame in metres
// (or board units), +Y up; camera frame x right, y down, z forward; a pose
// maps world to camera, Xc = R*Xw + T. A board's own frame has x along its
// columns of inner corners, y along its rows and z into the board (away
// from a viewer who sees its printed face).
//
// The world frame is defined by one view in which the board lies flat on
// the floor, printed face up, at the booth centre: the origin is the centre
// of the corner grid, world X is the board's x, world +Y is up (the board's
// -z) and world Z is the board's y (the direction of increasing row index).
// Cameras on opposite sides of the booth are joined through chains of
// views shared by neighbouring cameras and through the floor view, which
// all cameras see from above; a double-sided board is not needed.
package solve
