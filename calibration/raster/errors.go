package raster

import "errors"

// Sentinel errors. Render and the constructors wrap them with short context.
var (
	// ErrNilCamera: Render was given no camera.
	ErrNilCamera = errors.New("raster: nil camera")
	// ErrCamera: the camera is unusable (bad intrinsics, pose or size).
	ErrCamera = errors.New("raster: invalid camera")
	// ErrTarget: the target is nil, malformed, or does not match the camera size.
	ErrTarget = errors.New("raster: invalid target")
	// ErrSurface: a surface is malformed (nil or empty mesh, bad UV, texture or normals).
	ErrSurface = errors.New("raster: invalid surface")
	// ErrOptions: the options are malformed (e.g. a zero light direction).
	ErrOptions = errors.New("raster: invalid options")
)
