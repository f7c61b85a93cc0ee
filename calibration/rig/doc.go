// Package rig is the calibrated camera model of a booth: per-camera
// intrinsics, Brown-Conrady lens distortion and pose, projection and
// back-projection, the project's rig file, and importers for OpenCV
// FileStorage intrinsics, Middlebury camera files and plain 3x4 projection
// matrices. It is pure Go (no cgo, no gocv).
//
// # Frames
//
// World: metres, origin on the booth floor at its centre, +Y up,
// right-handed, the person faces +Z (+X is the person's left). Camera:
// OpenCV's axes, x right, y down, z forward. A Pose maps world to camera,
// Xc = R*Xw + T, with R row-major. Pixels follow OpenCV: the centre of the
// top-left pixel is (0, 0), so an image covers [-0.5, W-0.5) x [-0.5, H-0.5).
//
// # Projection
//
// With (x, y) = (Xc/Zc, Yc/Zc), r2 = x² + y²,
//
//	radial = 1 + k1 r2 + k2 r2² + k3 r2³
//	xd = x radial + 2 p1 x y + p2 (r2 + 2 x²)
//	yd = y radial + p1 (r2 + 2 y²) + 2 p2 x y
//	u = fx xd + cx,  v = fy yd + cy
//
// exactly as OpenCV's projectPoints with five coefficients. Undistort inverts
// it by Newton's method (see Distortion.Undistort for where it cannot).
//
// # Rig file
//
// A rig file is YAML, version 1:
//
//	version: 1
//	booth_id: booth-a
//	cameras:
//	  - id: 0                      # unique, >= 0
//	    name: north-high           # optional
//	    width: 1920                # pixels
//	    height: 1080
//	    intrinsics: {fx: 1400, fy: 1400, cx: 959.5, cy: 539.5}
//	    distortion: {k1: -0.1, k2: 0.01, p1: 0, p2: 0, k3: 0}   # optional, absent keys are 0
//	    rotation: [1, 0, 0, 0, -1, 0, 0, 0, -1]   # world->camera, row-major
//	    translation: [0, 1.5, 3]                  # metres
//
// Decoding is strict: unknown fields, missing required fields (all but name
// and distortion) and a version other than 1 are errors. Parse then
// validates: positive sizes, fx and fy > 0, finite numbers, the principal
// point inside the image, R orthonormal with determinant +1 within
// RotationTolerance, unique ids, a non-empty booth_id and at least one
// camera. Every problem is reported (errors.Join), each naming the camera and
// the field, e.g.
//
//	camera 3 (north-high): intrinsics.fx: must be > 0, got -5
//
// Marshal writes floats in their shortest exact form, so a rig survives a
// Marshal/Parse round trip bit for bit.
package rig
