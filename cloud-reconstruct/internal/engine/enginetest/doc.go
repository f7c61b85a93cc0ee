// Package enginetest builds small exact scenes for testing the
// reconstruction engine without the full synthetic booth: a ring of
// cameras, a union of spheres, masks and colours rendered by exact
// ray-sphere intersection (lens distortion honoured through rig.Camera.Ray),
// the ideal visual hull as a point test, and mesh checks (closed,
// consistently oriented, enclosed volume).
package enginetest
