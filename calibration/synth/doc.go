// Package synth is the synthetic booth: an animated person with exact
// ground truth, a virtual calibrated rig, a renderer of what each camera
// sees, and a dataset format for the frames. With no camera attached the
// whole system runs on it, and every accuracy figure is measured against
// its known true shape.
//
// The person (NewPerson) is 17 closed parts, each a round cone (the convex
// hull of two spheres, scaled per axis), placed by a small skeleton whose
// joints the Motion drives. Pose gives a Body: its Mesh (per-vertex colour),
// Surfaces (textured, for raster), an exact Contains (the union of the
// analytic parts) and SurfaceSamples on the union's outer surface. A
// scanned mesh can stand in instead (MeshPerson).
//
// GenerateRig places cameras on rings around the booth, each seeing the
// whole PersonBox, with realistic intrinsics and distortion. A Booth renders
// a frame from every camera, with optional Background plate and Realism
// (sensor noise, exposure, capture-time jitter); masks and depth stay exact.
// WriteDataset and OpenDataset write and read the folder format described
// in DATASET.md.
//
// World frame: metres, origin on the booth floor at its centre, +Y up, the
// person faces +Z (+X is the person's left).
package synth
