package metrics

import "errors"

// Sentinel errors, wrapped with short context.
var (
	// ErrGrid: VolumeIoU's box or cell size is unusable.
	ErrGrid = errors.New("metrics: invalid grid")
	// ErrMesh: a mesh is nil, malformed or has no triangles.
	ErrMesh = errors.New("metrics: invalid mesh")
	// ErrSize: two images or an image and its mask do not match in size.
	ErrSize = errors.New("metrics: size mismatch")
	// ErrEmpty: nothing to compare (no pixels, or a nil solid).
	ErrEmpty = errors.New("metrics: nothing to compare")
)
