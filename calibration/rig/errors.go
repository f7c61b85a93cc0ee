package rig

import "errors"

// Sentinel errors. Returned errors wrap one of these with context naming the
// camera, field, file or line at fault; test with errors.Is.
var (
	// ErrInvalid marks a rig or camera that fails validation.
	ErrInvalid = errors.New("invalid rig")
	// ErrVersion marks a rig file whose version this program does not know.
	ErrVersion = errors.New("unsupported rig file version")
	// ErrSyntax marks input that is not well-formed (YAML or text).
	ErrSyntax = errors.New("malformed input")
	// ErrUnsupported marks a valid input using a model this package lacks,
	// such as skew or the rational distortion model.
	ErrUnsupported = errors.New("unsupported camera model")
	// ErrDegenerate marks geometry with no unique answer, such as a
	// projection matrix of rank < 3 or LookAt with eye == target.
	ErrDegenerate = errors.New("degenerate geometry")
	// ErrUndistort marks an undistortion that did not converge.
	ErrUndistort = errors.New("undistortion did not converge")
)
